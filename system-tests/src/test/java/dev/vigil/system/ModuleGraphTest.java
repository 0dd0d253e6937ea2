package dev.vigil.system;

import dev.vigil.model.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's architecture picture is the module graph: its solid arrows are exactly the
 * main-scope dependencies between the project's modules as the poms declare them, no arrow runs
 * from a lower layer to a higher one, and every topic it names exists.
 */
class ModuleGraphTest {
    private static final Path ROOT = RepoPaths.root();
    /** Test-only module: it depends on everything, so it is not part of the picture. */
    private static final Set<String> NOT_PICTURED = Set.of("system-tests");
    /** Layers from the bottom: a module may depend on its own layer or a lower one. */
    private static final List<String> LAYERS = List.of("shared", "engines", "services", "tools");

    private static Set<String> pomEdges;
    private static Set<String> modules;
    private static Diagram diagram;

    @BeforeAll
    static void read() throws Exception {
        modules = new TreeSet<>();
        pomEdges = new TreeSet<>();
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(ROOT.resolve("pom.xml")));
        while (m.find()) {
            Path pom = ROOT.resolve(m.group(1)).resolve("pom.xml");
            Element project = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
            String artifact = childText(project, "artifactId");
            if (NOT_PICTURED.contains(artifact)) {
                continue;
            }
            modules.add(artifact);
            NodeList deps = project.getElementsByTagName("dependency");
            for (int i = 0; i < deps.getLength(); i++) {
                Element dep = (Element) deps.item(i);
                if (!(dep.getParentNode().getParentNode() == project)) {
                    continue; // dependencyManagement, plugin dependencies
                }
                String scope = childText(dep, "scope");
                boolean main = scope == null || scope.equals("compile") || scope.equals("runtime");
                if ("dev.vigil".equals(childText(dep, "groupId")) && main) {
                    pomEdges.add(artifact + " -> " + childText(dep, "artifactId"));
                }
            }
        }
        diagram = Diagram.parse(Files.readString(ROOT.resolve("README.md")));
    }

    @Test
    void everyModuleIsPictured() {
        assertEquals(modules, new TreeSet<>(diagram.layerOf.keySet()),
                "the README's mermaid picture must show every module (in a subgraph) and no other");
    }

    @Test
    void solidArrowsAreThePomDependencies() {
        Set<String> missing = new TreeSet<>(pomEdges);
        missing.removeAll(diagram.edges);
        Set<String> extra = new TreeSet<>(diagram.edges);
        extra.removeAll(pomEdges);
        assertTrue(missing.isEmpty() && extra.isEmpty(),
                "README picture and poms disagree; in the poms but not pictured: " + missing
                        + "; pictured but not in the poms: " + extra);
        assertTrue(pomEdges.size() >= modules.size() - 1, "the graph read from the poms is too small: " + pomEdges);
    }

    @Test
    void noArrowRunsBackUp() {
        List<String> wrong = new ArrayList<>();
        for (String edge : pomEdges) {
            String[] ends = edge.split(" -> ");
            int from = LAYERS.indexOf(diagram.layerOf.get(ends[0]));
            int to = LAYERS.indexOf(diagram.layerOf.get(ends[1]));
            if (from < to) {
                wrong.add(edge + " (" + LAYERS.get(from) + " -> " + LAYERS.get(to) + ")");
            }
            // Engines are plain Java: of the shared modules they may use the contracts only.
            if (LAYERS.get(from).equals("engines") && LAYERS.get(to).equals("shared") && !ends[1].equals("event-model")) {
                wrong.add(edge + " (an engine may depend on event-model only)");
            }
        }
        assertTrue(wrong.isEmpty(), "dependencies against the layering: " + wrong);
    }

    @Test
    void pictureNamesOnlyRealTopics() throws IllegalAccessException {
        Set<String> topics = new HashSet<>();
        for (Field f : Topics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                topics.add((String) f.get(null));
            }
        }
        assertTrue(diagram.topics.size() >= 5, "the picture shows the topics: " + diagram.topics);
        Set<String> unknown = new TreeSet<>(diagram.topics);
        unknown.removeAll(topics);
        assertTrue(unknown.isEmpty(), "topics in the README picture that Topics does not define: " + unknown);
        Set<String> unpictured = new TreeSet<>(topics);
        unpictured.removeAll(diagram.topics);
        assertTrue(unpictured.isEmpty(), "topics that the README picture leaves out: " + unpictured);
    }

    private static String childText(Element parent, String name) {
        for (var n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e.getTextContent().trim();
            }
        }
        return null;
    }

    /** The module nodes (by subgraph), solid arrows and topic nodes of the README's mermaid block. */
    private record Diagram(Map<String, String> layerOf, Set<String> edges, Set<String> topics) {
        private static final Pattern NODE = Pattern.compile("^\\s*(\\w+)\\[\"([^\"]+)\"]\\s*$");
        private static final Pattern TOPIC = Pattern.compile("^\\s*(\\w+)\\[/\"([^\"]+)\"/]\\s*$");
        private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+) --> (\\w+)\\s*$");
        private static final Pattern SUBGRAPH = Pattern.compile("^\\s*subgraph (\\w+)\\s*$");

        static Diagram parse(String readme) {
            int start = readme.indexOf("```mermaid\n");
            assertTrue(start >= 0, "README.md has no mermaid block");
            String block = readme.substring(start, readme.indexOf("\n```", start + 10));
            Map<String, String> labels = new HashMap<>();
            Map<String, String> layerOf = new LinkedHashMap<>();
            Set<String> edges = new TreeSet<>();
            Set<String> topics = new TreeSet<>();
            String subgraph = null;
            for (String line : block.split("\n")) {
                Matcher m;
                if ((m = SUBGRAPH.matcher(line)).matches()) {
                    subgraph = m.group(1);
                    assertTrue(LAYERS.contains(subgraph), "unknown layer " + subgraph);
                } else if (line.trim().equals("end")) {
                    subgraph = null;
                } else if ((m = NODE.matcher(line)).matches()) {
                    labels.put(m.group(1), m.group(2));
                    assertTrue(subgraph != null, "module " + m.group(2) + " is outside every layer");
                    layerOf.put(m.group(2), subgraph);
                } else if ((m = TOPIC.matcher(line)).matches()) {
                    for (String t : m.group(2).split(",")) {
                        topics.add(t.trim());
                    }
                } else if ((m = EDGE.matcher(line)).matches()) {
                    String from = labels.get(m.group(1));
                    String to = labels.get(m.group(2));
                    assertTrue(from != null && to != null, "arrow between undeclared nodes: " + line.trim());
                    edges.add(from + " -> " + to);
                }
            }
            return new Diagram(layerOf, edges, topics);
        }
    }
}
