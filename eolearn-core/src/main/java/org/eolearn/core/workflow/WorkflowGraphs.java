package org.eolearn.core.workflow;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a workflow's graph as DOT and as SVG (a layered drawing that needs no Graphviz).
 *
 * @since 0.1
 */
public final class WorkflowGraphs {

    private static final int BOX_HEIGHT = 36;
    private static final int COLUMN_GAP = 70;
    private static final int ROW_GAP = 24;
    private static final int MARGIN = 16;
    private static final int CHAR_WIDTH = 8;

    private WorkflowGraphs() {
    }

    /**
     * Returns unique display names: duplicates become {@code name_1}, {@code name_2}, ...
     *
     * @param workflow the workflow
     * @return node uid to display name
     */
    public static Map<String, String> displayNames(EOWorkflow workflow) {
        Map<String, Integer> count = new HashMap<>();
        for (EONode n : workflow.nodes()) {
            count.merge(n.name(), 1, Integer::sum);
        }
        Map<String, Integer> seen = new HashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (EONode n : workflow.nodes()) {
            if (count.get(n.name()) > 1) {
                int k = seen.merge(n.name(), 1, Integer::sum);
                names.put(n.uid(), n.name() + "_" + k);
            } else {
                names.put(n.uid(), n.name());
            }
        }
        return names;
    }

    /**
     * Returns the graph in DOT.
     *
     * @param workflow the workflow
     * @return the DOT text
     */
    public static String dot(EOWorkflow workflow) {
        Map<String, String> names = displayNames(workflow);
        StringBuilder b = new StringBuilder("digraph {\n  rankdir=LR;\n");
        for (EONode n : workflow.nodes()) {
            b.append("  ").append(quote(names.get(n.uid()))).append(";\n");
        }
        for (EONode n : workflow.nodes()) {
            for (EONode in : n.inputs()) {
                b.append("  ").append(quote(names.get(in.uid()))).append(" -> ").append(quote(names.get(n.uid())))
                        .append(";\n");
            }
        }
        return b.append("}\n").toString();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * Draws the graph as SVG.
     *
     * @param workflow the workflow
     * @return the SVG document
     */
    public static String svg(EOWorkflow workflow) {
        Map<String, String> names = displayNames(workflow);
        Map<String, Integer> depth = new HashMap<>();
        List<List<EONode>> columns = new ArrayList<>();
        for (EONode n : workflow.nodes()) {
            int d = 0;
            for (EONode in : n.inputs()) {
                d = Math.max(d, depth.get(in.uid()) + 1);
            }
            depth.put(n.uid(), d);
            while (columns.size() <= d) {
                columns.add(new ArrayList<>());
            }
            columns.get(d).add(n);
        }
        int[] columnWidth = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            for (EONode n : columns.get(c)) {
                columnWidth[c] = Math.max(columnWidth[c], 24 + CHAR_WIDTH * names.get(n.uid()).length());
            }
        }
        Map<String, int[]> box = new HashMap<>();
        int x = MARGIN;
        int maxRows = 0;
        for (int c = 0; c < columns.size(); c++) {
            List<EONode> col = columns.get(c);
            maxRows = Math.max(maxRows, col.size());
            for (int r = 0; r < col.size(); r++) {
                int y = MARGIN + r * (BOX_HEIGHT + ROW_GAP);
                box.put(col.get(r).uid(), new int[] {x, y, columnWidth[c]});
            }
            x += columnWidth[c] + COLUMN_GAP;
        }
        int width = Math.max(x - COLUMN_GAP + MARGIN, 2 * MARGIN);
        int height = MARGIN * 2 + Math.max(1, maxRows) * (BOX_HEIGHT + ROW_GAP) - ROW_GAP;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"13\">%n", width, height, width, height));
        b.append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\" "
                + "markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" "
                + "fill=\"#555\"/></marker></defs>\n");
        for (EONode n : workflow.nodes()) {
            Map<String, Integer> multiplicity = new HashMap<>();
            for (EONode in : n.inputs()) {
                multiplicity.merge(in.uid(), 1, Integer::sum);
            }
            for (Map.Entry<String, Integer> e : multiplicity.entrySet()) {
                int[] from = box.get(e.getKey());
                int[] to = box.get(n.uid());
                int x1 = from[0] + from[2];
                int y1 = from[1] + BOX_HEIGHT / 2;
                int x2 = to[0];
                int y2 = to[1] + BOX_HEIGHT / 2;
                b.append(String.format(Locale.ROOT, "<path d=\"M %d %d C %d %d, %d %d, %d %d\" fill=\"none\" "
                        + "stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>%n", x1, y1,
                        x1 + COLUMN_GAP / 2, y1, x2 - COLUMN_GAP / 2, y2, x2, y2));
                if (e.getValue() > 1) {
                    b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"#555\">&#215;%d</text>%n",
                            (x1 + x2) / 2, (y1 + y2) / 2 - 4, e.getValue()));
                }
            }
        }
        for (EONode n : workflow.nodes()) {
            int[] r = box.get(n.uid());
            b.append(String.format(Locale.ROOT, "<g><title>%s</title><rect x=\"%d\" y=\"%d\" width=\"%d\" "
                    + "height=\"%d\" rx=\"6\" fill=\"#eef3fb\" stroke=\"#3b6db3\"/><text x=\"%d\" y=\"%d\" "
                    + "text-anchor=\"middle\">%s</text></g>%n", escape(n.uid()), r[0], r[1], r[2], BOX_HEIGHT,
                    r[0] + r[2] / 2, r[1] + BOX_HEIGHT / 2 + 5, escape(names.get(n.uid()))));
        }
        return b.append("</svg>\n").toString();
    }

    /**
     * Escapes text for HTML and XML.
     *
     * @param s the text
     * @return the escaped text
     */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<': b.append("&lt;"); break;
                case '>': b.append("&gt;"); break;
                case '&': b.append("&amp;"); break;
                case '"': b.append("&quot;"); break;
                case '\'': b.append("&#39;"); break;
                default: b.append(c);
            }
        }
        return b.toString();
    }
}
