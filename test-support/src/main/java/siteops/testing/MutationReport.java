package siteops.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Summarises PIT's mutations.xml of each module given (bin/test --mutation): mutants, killed, survived, no coverage,
 * score and test strength, the weakest class, then one line per mutant no test noticed. Run as a source file
 * ({@code java MutationReport.java <module dir>...}) so the summary needs no build of its own.
 */
public final class MutationReport {
    /** PIT's "detected" statuses: a test failed, hung or crashed because of the mutant. */
    private static final Set<String> DETECTED = Set.of("KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR");

    private record Mutant(String className, int line, String mutator, String description, String status) {
        boolean detected() {
            return DETECTED.contains(status);
        }

        boolean covered() {
            return !"NO_COVERAGE".equals(status);
        }
    }

    private MutationReport() {}

    public static void main(String[] args) throws Exception {
        int missing = 0;
        for (String module : args) {
            Path xml = Path.of(module, "target", "pit-reports", "mutations.xml");
            if (!Files.isRegularFile(xml)) {
                System.out.printf("%s: no mutation report (%s missing: did PIT run?)%n", module, xml);
                missing++;
                continue;
            }
            print(module, read(xml));
        }
        System.exit(missing == 0 ? 0 : 1);
    }

    private static List<Mutant> read(Path xml) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList nodes = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("mutation");
        List<Mutant> mutants = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element node = (Element) nodes.item(i);
            String mutator = text(node, "mutator");
            mutants.add(new Mutant(text(node, "mutatedClass"), Integer.parseInt(text(node, "lineNumber")),
                    mutator.substring(mutator.lastIndexOf('.') + 1), text(node, "description"), node.getAttribute("status")));
        }
        return mutants;
    }

    private static String text(Element node, String child) {
        return node.getElementsByTagName(child).item(0).getTextContent();
    }

    private static void print(String module, List<Mutant> mutants) {
        long killed = mutants.stream().filter(Mutant::detected).count();
        long noCoverage = mutants.stream().filter(m -> !m.covered()).count();
        long survived = mutants.size() - killed - noCoverage;
        // A mutant that makes a test loop forever counts as killed; on a loaded machine a slow test can also time out,
        // so the number is shown: a jump in it deserves a rerun before it is trusted.
        long timedOut = mutants.stream().filter(m -> "TIMED_OUT".equals(m.status())).count();
        System.out.printf("%s: %d mutants, %d killed%s, %d survived, %d no coverage, score %s, test strength %s%n",
                module, mutants.size(), killed, timedOut == 0 ? "" : " (" + timedOut + " by time-out)", survived, noCoverage,
                percent(killed, mutants.size()), percent(killed, mutants.size() - noCoverage));
        Map<String, long[]> perClass = new TreeMap<>();
        for (Mutant mutant : mutants) {
            long[] counts = perClass.computeIfAbsent(mutant.className(), name -> new long[2]);
            counts[0]++;
            counts[1] += mutant.detected() ? 1 : 0;
        }
        perClass.entrySet().stream().min((a, b) -> Double.compare(ratio(a.getValue()), ratio(b.getValue())))
                .ifPresent(weakest -> System.out.printf("  weakest class: %s %s of %d%n", weakest.getKey(),
                        percent(weakest.getValue()[1], weakest.getValue()[0]), weakest.getValue()[0]));
        mutants.stream().filter(m -> !m.detected())
                .forEach(m -> System.out.printf("  %s %s:%d %s (%s)%n",
                        m.covered() ? "SURVIVED" : "NO_COVERAGE", m.className(), m.line(), m.mutator(), m.description()));
    }

    private static double ratio(long[] counts) {
        return (double) counts[1] / counts[0];
    }

    private static String percent(long part, long whole) {
        return whole == 0 ? "n/a" : Math.round(100.0 * part / whole) + "%";
    }
}
