import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.text.DisplayContext;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Prints the country names of CLDR (through ICU4J, com.ibm.icu:icu4j) as TSV for tools/build_gazetteer.py:
 * {@code code<TAB>language<TAB>form<TAB>name}, form = "standard" (the display name) or "short" (CLDR's short form,
 * e.g. "EE. UU." or "UK"), for the ISO codes given on standard input, one a line, and the languages given as
 * arguments. Run by build_gazetteer.py as a single-file program:
 * {@code java -cp icu4j-76.1.jar tools/cldr/CldrCountryNames.java en es < codes.txt}.
 */
public class CldrCountryNames {

    public static void main(String[] args) throws Exception {
        TreeSet<String> codes = new TreeSet<>();
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, "UTF-8"))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.isBlank()) {
                    codes.add(line.strip());
                }
            }
        }
        var out = new java.io.PrintStream(System.out, true, "UTF-8");
        out.println("# CLDR region names via ICU4J " + com.ibm.icu.util.VersionInfo.ICU_VERSION);
        for (String language : args) {
            ULocale locale = ULocale.forLanguageTag(language);
            LocaleDisplayNames standard = LocaleDisplayNames.getInstance(locale, DisplayContext.LENGTH_FULL);
            LocaleDisplayNames shortNames = LocaleDisplayNames.getInstance(locale, DisplayContext.LENGTH_SHORT);
            for (String code : codes) {
                List<String[]> rows = new ArrayList<>();
                String full = standard.regionDisplayName(code);
                String brief = shortNames.regionDisplayName(code);
                // ICU answers the code itself when CLDR has no name for it
                if (full != null && !full.equals(code)) {
                    rows.add(new String[] {"standard", full});
                }
                if (brief != null && !brief.equals(code) && !brief.equals(full)) {
                    rows.add(new String[] {"short", brief});
                }
                for (String[] row : rows) {
                    out.println(code + "\t" + language + "\t" + row[0] + "\t" + row[1]);
                }
            }
        }
    }
}
