package io.dyad.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service's {@code src/main/docker/Dockerfile.jvm}, read as instructions (continuation lines joined). */
record Dockerfile(String service, String text, List<String[]> instructions) {

    static Dockerfile of(String service) {
        String text = Repo.read(service + "/src/main/docker/Dockerfile.jvm");
        List<String[]> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (current.length() == 0 && (trimmed.isEmpty() || trimmed.startsWith("#"))) {
                continue;
            }
            if (trimmed.startsWith("#")) {
                continue; // a comment inside a continued instruction
            }
            if (trimmed.endsWith("\\")) {
                current.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            current.append(trimmed);
            String full = current.toString().strip();
            current.setLength(0);
            int space = full.indexOf(' ');
            instructions.add(new String[] {full.substring(0, space).toUpperCase(), full.substring(space + 1).strip()});
        }
        return new Dockerfile(service, text, instructions);
    }

    List<String> all(String instruction) {
        return instructions.stream().filter(i -> i[0].equals(instruction)).map(i -> i[1]).toList();
    }

    Optional<String> last(String instruction) {
        List<String> found = all(instruction);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    Set<Integer> exposed() {
        Set<Integer> ports = new LinkedHashSet<>();
        all("EXPOSE").forEach(e -> {
            for (String p : e.split("\\s+")) {
                ports.add(Integer.parseInt(p.split("/")[0]));
            }
        });
        return ports;
    }

    /** ENV instructions, in either form ({@code ENV K=V K2="V 2"} or {@code ENV K V}). */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        Pattern pair = Pattern.compile("(\\w+)=(\"(?:[^\"\\\\]|\\\\.)*+\"|'[^']*+'|\\S+)");
        for (String e : all("ENV")) {
            Matcher m = pair.matcher(e);
            boolean any = false;
            while (m.find()) {
                any = true;
                env.put(m.group(1), m.group(2).replaceAll("^[\"']|[\"']$", ""));
            }
            if (!any) {
                String[] kv = e.split("\\s+", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    /** The HEALTHCHECK's command as an argument list (exec form), if the image has one. */
    Optional<List<String>> healthcheck() {
        return last("HEALTHCHECK").map(h -> {
            int cmd = h.indexOf("CMD ");
            String command = h.substring(cmd + 4).strip();
            List<String> args = new ArrayList<>();
            if (command.startsWith("[")) {
                JsonNode array = Repo.json(command);
                array.forEach(a -> args.add(a.asText()));
            } else {
                args.addAll(List.of("/bin/sh", "-c", command));
            }
            return args;
        });
    }

    String healthcheckOptions() {
        String h = last("HEALTHCHECK").orElse("");
        int cmd = h.indexOf("CMD ");
        return cmd < 0 ? h : h.substring(0, cmd);
    }
}
