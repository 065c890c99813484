package io.dyad.systemtests.bench;

import java.util.List;
import java.util.Map;

/**
 * The benchmark's own vocabulary (written for it, no third-party text): countries with their English and Spanish
 * names and capitals, and for each Dyad issue a few English and Spanish phrases a news story would use.
 */
final class WordLists {

    private WordLists() {
    }

    /** A country as the generator names it; {@code capital*} may be null when the capital is ambiguous. */
    record Country(String code, String en, String es, String capitalEn, String capitalEs) {
    }

    /** Ordered roughly by how often the news names them: the generator draws the first ones more often. */
    static final List<Country> COUNTRIES = List.of(
            new Country("US", "the United States", "Estados Unidos", "Washington", "Washington"),
            new Country("CN", "China", "China", "Beijing", "Pekín"),
            new Country("MX", "Mexico", "México", "Mexico City", "Ciudad de México"),
            new Country("RU", "Russia", "Rusia", "Moscow", "Moscú"),
            new Country("UA", "Ukraine", "Ucrania", "Kyiv", "Kiev"),
            new Country("GB", "the United Kingdom", "el Reino Unido", "London", "Londres"),
            new Country("DE", "Germany", "Alemania", "Berlin", "Berlín"),
            new Country("FR", "France", "Francia", "Paris", "París"),
            new Country("IN", "India", "India", "New Delhi", "Nueva Delhi"),
            new Country("JP", "Japan", "Japón", "Tokyo", "Tokio"),
            new Country("BR", "Brazil", "Brasil", "Brasília", "Brasilia"),
            new Country("CA", "Canada", "Canadá", "Ottawa", "Ottawa"),
            new Country("IL", "Israel", "Israel", null, null),
            new Country("IR", "Iran", "Irán", "Tehran", "Teherán"),
            new Country("TR", "Turkey", "Turquía", "Ankara", "Ankara"),
            new Country("ES", "Spain", "España", "Madrid", "Madrid"),
            new Country("CO", "Colombia", "Colombia", "Bogotá", "Bogotá"),
            new Country("AR", "Argentina", "Argentina", "Buenos Aires", "Buenos Aires"),
            new Country("VE", "Venezuela", "Venezuela", "Caracas", "Caracas"),
            new Country("KR", "South Korea", "Corea del Sur", "Seoul", "Seúl"),
            new Country("KP", "North Korea", "Corea del Norte", "Pyongyang", "Pionyang"),
            new Country("SA", "Saudi Arabia", "Arabia Saudita", "Riyadh", "Riad"),
            new Country("EG", "Egypt", "Egipto", "Cairo", "El Cairo"),
            new Country("PK", "Pakistan", "Pakistán", "Islamabad", "Islamabad"),
            new Country("IT", "Italy", "Italia", "Rome", "Roma"),
            new Country("PL", "Poland", "Polonia", "Warsaw", "Varsovia"),
            new Country("AU", "Australia", "Australia", "Canberra", "Canberra"),
            new Country("CU", "Cuba", "Cuba", "Havana", "La Habana"),
            new Country("CL", "Chile", "Chile", "Santiago", "Santiago"),
            new Country("PE", "Peru", "Perú", "Lima", "Lima"),
            new Country("GT", "Guatemala", "Guatemala", null, null),
            new Country("HN", "Honduras", "Honduras", "Tegucigalpa", "Tegucigalpa"),
            new Country("SV", "El Salvador", "El Salvador", null, null),
            new Country("NI", "Nicaragua", "Nicaragua", "Managua", "Managua"),
            new Country("CR", "Costa Rica", "Costa Rica", null, null),
            new Country("PA", "Panama", "Panamá", null, null),
            new Country("EC", "Ecuador", "Ecuador", "Quito", "Quito"),
            new Country("BO", "Bolivia", "Bolivia", "La Paz", "La Paz"),
            new Country("PY", "Paraguay", "Paraguay", "Asunción", "Asunción"),
            new Country("UY", "Uruguay", "Uruguay", "Montevideo", "Montevideo"),
            new Country("DO", "the Dominican Republic", "República Dominicana", "Santo Domingo", "Santo Domingo"),
            new Country("HT", "Haiti", "Haití", "Port-au-Prince", "Puerto Príncipe"),
            new Country("PT", "Portugal", "Portugal", "Lisbon", "Lisboa"),
            new Country("NL", "the Netherlands", "los Países Bajos", "Amsterdam", "Ámsterdam"),
            new Country("GR", "Greece", "Grecia", "Athens", "Atenas"),
            new Country("SE", "Sweden", "Suecia", "Stockholm", "Estocolmo"),
            new Country("NO", "Norway", "Noruega", "Oslo", "Oslo"),
            new Country("ID", "Indonesia", "Indonesia", "Jakarta", "Yakarta"),
            new Country("PH", "the Philippines", "Filipinas", "Manila", "Manila"),
            new Country("VN", "Vietnam", "Vietnam", "Hanoi", "Hanói"),
            new Country("TH", "Thailand", "Tailandia", "Bangkok", "Bangkok"),
            new Country("MY", "Malaysia", "Malasia", "Kuala Lumpur", "Kuala Lumpur"),
            new Country("BD", "Bangladesh", "Bangladés", "Dhaka", "Daca"),
            new Country("AF", "Afghanistan", "Afganistán", "Kabul", "Kabul"),
            new Country("IQ", "Iraq", "Irak", "Baghdad", "Bagdad"),
            new Country("SY", "Syria", "Siria", "Damascus", "Damasco"),
            new Country("NG", "Nigeria", "Nigeria", "Abuja", "Abuya"),
            new Country("ZA", "South Africa", "Sudáfrica", "Pretoria", "Pretoria"),
            new Country("KE", "Kenya", "Kenia", "Nairobi", "Nairobi"),
            new Country("ET", "Ethiopia", "Etiopía", "Addis Ababa", "Adís Abeba"),
            new Country("MA", "Morocco", "Marruecos", "Rabat", "Rabat"),
            new Country("DZ", "Algeria", "Argelia", "Algiers", "Argel"),
            new Country("GH", "Ghana", "Ghana", "Accra", "Acra"),
            new Country("SN", "Senegal", "Senegal", "Dakar", "Dakar"),
            new Country("NZ", "New Zealand", "Nueva Zelanda", "Wellington", "Wellington"));

    /** Per issue id: English phrases, then Spanish phrases. */
    static final Map<String, List<List<String>>> ISSUES = Map.ofEntries(
            issue("trade", List.of("tariffs on steel", "a new trade agreement", "exports of cars", "import quotas",
                    "customs duties"), List.of("aranceles al acero", "un nuevo acuerdo comercial",
                    "las exportaciones de autos", "cuotas de importación")),
            issue("migration", List.of("migrants", "asylum seekers", "seasonal work visas", "deportation flights"),
                    List.of("migrantes", "solicitantes de asilo", "visas de trabajo temporal", "vuelos de deportación")),
            issue("border", List.of("the border crossing", "border security", "border guards"),
                    List.of("el paso fronterizo", "la seguridad fronteriza", "guardias fronterizos")),
            issue("drug_trafficking", List.of("cocaine shipments", "drug cartels", "fentanyl seizures"),
                    List.of("cargamentos de cocaína", "los cárteles de la droga", "decomisos de fentanilo")),
            issue("organized_crime", List.of("organized crime groups", "money laundering networks",
                    "extortion rackets"), List.of("el crimen organizado", "redes de lavado de dinero",
                    "bandas de extorsión")),
            issue("arms", List.of("arms sales", "weapons smuggling", "a purchase of fighter jets"),
                    List.of("la venta de armas", "el tráfico de armas", "la compra de aviones de combate")),
            issue("terrorism", List.of("a terrorist attack", "counterterrorism cooperation", "militant cells"),
                    List.of("un atentado terrorista", "la cooperación antiterrorista", "células terroristas")),
            issue("defense", List.of("joint military exercises", "defense spending", "naval patrols"),
                    List.of("ejercicios militares conjuntos", "el gasto en defensa", "patrullas navales")),
            issue("armed_conflict", List.of("the ceasefire", "artillery shelling", "troops at the front line"),
                    List.of("el alto el fuego", "bombardeos de artillería", "las tropas en el frente")),
            issue("diplomacy", List.of("the ambassador", "a state visit", "talks between foreign ministers"),
                    List.of("el embajador", "una visita de Estado", "las conversaciones entre cancilleres")),
            issue("sanctions", List.of("new sanctions", "an asset freeze", "an export ban on chips"),
                    List.of("nuevas sanciones", "la congelación de activos", "un embargo a las exportaciones")),
            issue("foreign_aid", List.of("humanitarian aid", "development assistance", "a relief package"),
                    List.of("ayuda humanitaria", "la asistencia al desarrollo", "un paquete de ayuda")),
            issue("energy", List.of("natural gas pipelines", "oil output", "the electricity grid"),
                    List.of("los gasoductos", "la producción de petróleo", "la red eléctrica")),
            issue("environment", List.of("carbon emissions", "deforestation", "climate targets"),
                    List.of("las emisiones de carbono", "la deforestación", "las metas climáticas")),
            issue("water", List.of("water rights", "the shared river basin", "water sharing during the drought"),
                    List.of("los derechos de agua", "la cuenca compartida", "el reparto de agua durante la sequía")),
            issue("agriculture", List.of("grain harvests", "farmers", "crop exports"),
                    List.of("las cosechas de granos", "los agricultores", "las exportaciones agrícolas")),
            issue("finance", List.of("bond markets", "the central bank", "debt restructuring"),
                    List.of("los mercados de bonos", "el banco central", "la reestructuración de la deuda")),
            issue("economy", List.of("economic growth", "inflation", "fears of a recession"),
                    List.of("el crecimiento económico", "la inflación", "el temor a una recesión")),
            issue("labor", List.of("trade unions", "a general strike", "the minimum wage"),
                    List.of("los sindicatos", "una huelga general", "el salario mínimo")),
            issue("human_rights", List.of("human rights abuses", "political prisoners", "press freedom"),
                    List.of("violaciones de derechos humanos", "los presos políticos", "la libertad de prensa")),
            issue("justice", List.of("an extradition request", "the supreme court", "federal prosecutors"),
                    List.of("una solicitud de extradición", "la corte suprema", "los fiscales")),
            issue("health", List.of("vaccines", "a disease outbreak", "hospital capacity"),
                    List.of("las vacunas", "un brote de enfermedad", "la capacidad hospitalaria")),
            issue("elections", List.of("the presidential election", "voters", "polling stations"),
                    List.of("las elecciones presidenciales", "los votantes", "las mesas de votación")),
            issue("corruption", List.of("bribery allegations", "a corruption scandal", "embezzlement charges"),
                    List.of("acusaciones de soborno", "un escándalo de corrupción", "cargos de malversación")));

    /** Sentences that name countries: {A} and {B} are country names, {X} an issue phrase, {CA} A's capital. */
    static final List<String> RELATING_EN = List.of(
            "Officials from {A} and {B} met on {DAY} to discuss {X}.",
            "{A} and {B} agreed to set up a working group on {X}, according to a joint statement.",
            "Talks between {A} and {B} over {X} stalled after a dispute about the timetable.",
            "Diplomats in {CA} said {A} wants {B} to move faster on {X}.",
            "The dispute over {X} has strained relations between {A} and {B} for months.",
            "A delegation from {B} is expected in {CA} next week to continue the negotiations on {X}.",
            "Ministers of {A} and {B} signed a memorandum that covers {X}.");
    static final List<String> RELATING_ES = List.of(
            "Funcionarios de {A} y {B} se reunieron el {DAY} para hablar de {X}.",
            "{A} y {B} acordaron crear un grupo de trabajo sobre {X}, según un comunicado conjunto.",
            "Las conversaciones entre {A} y {B} sobre {X} se estancaron por una disputa sobre el calendario.",
            "Diplomáticos en {CA} dijeron que {A} quiere que {B} avance más rápido en {X}.",
            "La disputa por {X} ha tensado las relaciones entre {A} y {B} durante meses.",
            "Se espera una delegación de {B} en {CA} la próxima semana para seguir negociando {X}.",
            "Los ministros de {A} y {B} firmaron un memorando que incluye {X}.");
    static final List<String> TITLES_EN = List.of(
            "{A} and {B} reach deal on {X}",
            "{A} presses {B} over {X}",
            "Talks between {A} and {B} turn to {X}",
            "{B} and {A} clash over {X}");
    static final List<String> TITLES_ES = List.of(
            "{A} y {B} alcanzan un acuerdo sobre {X}",
            "{A} presiona a {B} por {X}",
            "Las conversaciones entre {A} y {B} giran hacia {X}",
            "{B} y {A} chocan por {X}");

    /** Sentences with an issue phrase only. */
    static final List<String> ISSUE_EN = List.of(
            "Analysts said {X} would remain the central question for the rest of the year.",
            "Business groups warned that uncertainty about {X} was already delaying investment.",
            "Opposition lawmakers demanded a full public report on {X}.",
            "A spokesperson declined to give details on {X} but said more meetings were planned.");
    static final List<String> ISSUE_ES = List.of(
            "Los analistas dijeron que {X} seguirá siendo la cuestión central durante el resto del año.",
            "Las cámaras empresariales advirtieron que la incertidumbre sobre {X} ya retrasa inversiones.",
            "Legisladores de la oposición exigieron un informe público completo sobre {X}.",
            "Un portavoz no quiso dar detalles sobre {X}, pero dijo que habrá más reuniones.");

    /** Filler: ordinary newsroom sentences that name no country and no issue. */
    static final List<String> FILLER_EN = List.of(
            "The meeting lasted more than {N} hours and ended without a press conference.",
            "Several people familiar with the discussions spoke on condition of anonymity because they were not authorized to comment.",
            "The statement was published late in the evening on the government's website.",
            "Earlier this month, a similar round of talks was postponed at short notice.",
            "Observers noted that both sides had softened their language in recent weeks.",
            "The next round is scheduled for {DAY}, officials said, although no venue has been announced.",
            "Some {N} experts took part in the technical sessions that preceded the meeting.",
            "Local newspapers described the atmosphere as tense but constructive.",
            "A senior adviser said the government would publish a detailed plan within {N} days.",
            "Critics argued that the announcement repeated promises made last year.",
            "The figures, which have not been independently verified, were released by the ministry.",
            "Reporters were allowed into the room only for the opening remarks.");
    static final List<String> FILLER_ES = List.of(
            "La reunión duró más de {N} horas y terminó sin conferencia de prensa.",
            "Varias personas al tanto de las conversaciones hablaron bajo condición de anonimato porque no estaban autorizadas a declarar.",
            "El comunicado se publicó por la noche en el sitio web del gobierno.",
            "A principios de este mes, una ronda similar de conversaciones fue aplazada sin previo aviso.",
            "Los observadores señalaron que ambas partes han moderado su lenguaje en las últimas semanas.",
            "La próxima ronda está prevista para el {DAY}, dijeron los funcionarios, aunque no se ha anunciado la sede.",
            "Unos {N} expertos participaron en las sesiones técnicas previas a la reunión.",
            "Los periódicos locales describieron el ambiente como tenso pero constructivo.",
            "Un asesor de alto nivel dijo que el gobierno publicará un plan detallado en {N} días.",
            "Los críticos sostuvieron que el anuncio repite promesas hechas el año pasado.",
            "Las cifras, que no han sido verificadas de forma independiente, fueron divulgadas por el ministerio.",
            "A los periodistas solo se les permitió entrar en la sala durante las palabras de apertura.");

    /**
     * Goods and sectors a story may mention besides its issues (English, Spanish): words for keyword queries, none
     * of them used anywhere else in these lists.
     */
    record Subject(String en, String es) {
    }

    /** Ordered roughly by how often they come up: the generator draws the first ones more often. */
    static final List<Subject> SUBJECTS = List.of(
            new Subject("lithium", "litio"), new Subject("copper", "cobre"), new Subject("soybeans", "soja"),
            new Subject("semiconductors", "semiconductores"), new Subject("remittances", "remesas"),
            new Subject("coffee", "café"), new Subject("avocados", "aguacates"), new Subject("wheat", "trigo"),
            new Subject("hydrogen", "hidrógeno"), new Subject("salmon", "salmón"), new Subject("shrimp", "camarones"),
            new Subject("tomatoes", "tomates"), new Subject("cement", "cemento"), new Subject("fertilizer",
                    "fertilizantes"), new Subject("uranium", "uranio"), new Subject("cobalt", "cobalto"),
            new Subject("nickel", "níquel"), new Subject("rice", "arroz"), new Subject("sugar", "azúcar"),
            new Subject("cotton", "algodón"), new Subject("tourism", "turismo"), new Subject("railways",
                    "ferrocarriles"), new Subject("satellites", "satélites"), new Subject("drones", "drones"),
            new Subject("shipyards", "astilleros"), new Subject("bananas", "bananos"), new Subject("tuna", "atún"),
            new Subject("timber", "madera"), new Subject("gold", "oro"), new Subject("diesel", "diésel"));

    /** Sentences about a subject {S} (and in English the plain "prices of {S}" a phrase query may look for). */
    static final List<String> SUBJECT_EN = List.of(
            "Trade in {S} was also on the agenda.",
            "Producers of {S} followed the talks closely.",
            "Prices of {S} rose after the announcement.",
            "A separate agreement on {S} is being drafted.");
    static final List<String> SUBJECT_ES = List.of(
            "El comercio de {S} también estuvo en la agenda.",
            "Los productores de {S} siguieron de cerca las conversaciones.",
            "Los precios de {S} subieron tras el anuncio.",
            "Se prepara un acuerdo aparte sobre {S}.");

    /** Sentences about an organisation {O} (a made-up company name, see {@link #ORGANISATIONS}). */
    static final List<String> ORGANISATION_EN = List.of(
            "{O} said it was following the talks closely.",
            "Shares of {O} moved after the announcement.",
            "A spokesperson for {O} welcomed the decision.");
    static final List<String> ORGANISATION_ES = List.of(
            "{O} dijo que sigue de cerca las conversaciones.",
            "Las acciones de {O} se movieron tras el anuncio.",
            "Un portavoz de {O} celebró la decisión.");

    /** A made-up company: a coined name ({@code Velmora}) and what it does ({@code Mining}). */
    record Organisation(String name, String kind) {
        String full() {
            return name + " " + kind;
        }
    }

    private static final List<String> NAME_STARTS = List.of("Vel", "Kor", "Tam", "Quin", "Zeb", "Bor", "Lum", "Dra",
            "Sev", "Ner", "Ost", "Pal", "Rim", "Tov", "Ulv", "Gar", "Hes", "Jor", "Kav", "Mir", "Nol", "Pry", "Sab",
            "Wex");
    private static final List<String> NAME_ENDS = List.of("mora", "ixa", "dana", "veth", "lume", "tara", "sono",
            "rita", "vux", "nello", "quor", "zenta");
    private static final List<String> KINDS = List.of("Mining", "Foods", "Logistics", "Holdings");

    /** 24 × 12 coined names × 4 kinds = 1,152 companies; a name stands for four of them. */
    static final List<Organisation> ORGANISATIONS = NAME_STARTS.stream()
            .flatMap(a -> NAME_ENDS.stream().map(b -> a + b))
            .flatMap(name -> KINDS.stream().map(kind -> new Organisation(name, kind))).toList();

    static final List<String> DAYS_EN = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday");
    static final List<String> DAYS_ES = List.of("lunes", "martes", "miércoles", "jueves", "viernes", "sábado");

    private static Map.Entry<String, List<List<String>>> issue(String id, List<String> en, List<String> es) {
        return Map.entry(id, List.of(en, es));
    }
}
