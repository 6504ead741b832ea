package org.eolearn.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} snippet of the user guide and the README compiles against the library: a snippet that
 * declares a class is compiled as it is (with the guide's imports, and the classes of the snippets before it on the
 * class path), any other is compiled as the body of a method
 * that has the variables the guide's snippets assume ({@code patch}, {@code bands}, ...).
 */
class DocsSnippetsTest {

    private static final String IMPORTS = String.join("\n",
            "import java.io.*;", "import java.net.URI;", "import java.nio.file.*;", "import java.time.*;", "import java.util.*;",
            "import java.util.function.*;",
            "import org.eolearn.core.*;", "import org.eolearn.core.io.*;", "import org.eolearn.core.task.*;",
            "import org.eolearn.core.workflow.*;", "import org.eolearn.core.execution.*;",
            "import org.eolearn.features.*;", "import org.eolearn.features.interpolation.*;", "import org.eolearn.features.texture.*;", "import org.eolearn.features.temporal.*;", "import org.eolearn.features.compositing.*;",
            "import org.eolearn.mask.*;", "import org.eolearn.geometry.transformations.*;",
            "import org.eolearn.geometry.morphology.*;", "import org.eolearn.ml.sampling.*;",
            "import org.eolearn.ml.classification.*;", "import org.eolearn.registration.*;",
            "import org.eolearn.cloudless.*;", "import org.eolearn.cloudless.lightgbm.*;",
            "import org.eolearn.spark.*;", "import org.eolearn.examples.water.*;",
            "import org.eolearn.io.sentinelhub.*;", "import org.eolearn.io.sentinelhub.client.*;",
            "import org.eolearn.io.geo.*;", "import org.eolearn.io.raster.*;", "import org.eolearn.io.stac.*;", "import org.eolearn.io.vector.*;",
            "import org.nd4j.linalg.api.ndarray.INDArray;", "import org.nd4j.linalg.factory.Nd4j;",
            "import org.locationtech.jts.geom.*;", "import static org.eolearn.core.FeatureType.*;",
            "import org.apache.spark.SparkConf;", "import org.apache.spark.api.java.JavaSparkContext;", "") + "\n";

    /** The variables snippets may use without declaring them. */
    private static final String CONTEXT = "  EOPatch patch; INDArray bands; List<EOPatch> trainPatches; "
            + "List<EOPatch> validationPatches; List<EOPatch> testPatches; Path path; EOWorkflow workflow; "
            + "Path workflowJson; Path argsJson; List<Map<EONode, Map<String, Object>>> argumentsPerPatch; "
            + "List<String> names; BBox bbox; SentinelHubContext context; SHTransport transport; SHConfig config; "
            + "LocalDateTime t; LocalDateTime from; LocalDateTime to; String evalscript; String requestJson; "
            + "URI processUrl; URI baseUrl; List<SHTransport.Request> requests; Geometry area; Geometry country; "
            + "List<String> thirteenBands; List<DownloadRequest> downloadRequests; DownloadClient http; String url;\n";

    private static Path root() {
        Path p = Path.of("").toAbsolutePath();
        return Files.exists(p.resolve("docs")) ? p : p.getParent();
    }

    record Snippet(Path file, int line, String code) {
    }

    static List<Snippet> snippets() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(root().resolve("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        files.add(root().resolve("README.md"));
        List<Snippet> out = new ArrayList<>();
        for (Path f : files) {
            List<String> lines = Files.readAllLines(f);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).trim().equals("```java")) {
                    StringBuilder code = new StringBuilder();
                    int start = i + 1;
                    for (i = i + 1; i < lines.size() && !lines.get(i).trim().equals("```"); i++) {
                        code.append(lines.get(i)).append('\n');
                    }
                    out.add(new Snippet(f, start, code.toString()));
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everySnippetCompiles(@TempDir Path classes) throws IOException {
        List<Snippet> all = snippets();
        assertThat(all).hasSizeGreaterThan(10);
        return all.stream().map(s -> DynamicTest.dynamicTest(root().relativize(s.file()) + ":" + s.line(),
                () -> compile(s, classes)));
    }

    private static void compile(Snippet s, Path classes) throws ClassNotFoundException {
        java.util.regex.Matcher excerpt = java.util.regex.Pattern.compile("^// excerpt of ([\\w.]+)").matcher(s.code());
        if (excerpt.find()) {
            // an excerpt of a declaration of the library: the type must exist
            Class.forName(excerpt.group(1));
            return;
        }
        String name = "Snippet" + Math.abs((s.file().getFileName() + ":" + s.line()).hashCode());
        boolean declaresClass = s.code().matches("(?s).*^(public |final )*(class|record|interface) .*") || s.code()
                .matches("(?s)(.*\\n)?(public )?(final )?class \\w+.*");
        // import lines of a snippet go to the top of the compilation unit
        StringBuilder imports = new StringBuilder(IMPORTS);
        StringBuilder body = new StringBuilder();
        for (String line : s.code().split("\n")) {
            if (line.startsWith("import ")) {
                imports.append(line).append('\n');
            } else if (line.startsWith("package ")) {
                body.append('\n'); // a whole program of the guide: compiled in the default package
            } else {
                body.append(line).append('\n');
            }
        }
        String source;
        String className;
        if (declaresClass) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^(?:public )?(?:final )?class (\\w+)")
                    .matcher(s.code());
            className = m.find() ? m.group(1) : name;
            source = imports + body.toString();
        } else {
            className = name;
            source = imports + "class " + name + " {\n" + CONTEXT + "  @SuppressWarnings(\"unused\")\n  void snippet()"
                    + " throws Exception {\n" + body + "\n  }\n}\n";
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, null)) {
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            StringWriter out = new StringWriter();
            // classes of earlier snippets are on the class path: a page's provider may use its task
            boolean ok = compiler.getTask(out, fm, diagnostics, List.of("-classpath", classPath
                    + java.io.File.pathSeparator + classes, "-d",
                    classes.toString(), "-proc:none"), null, List.of(file)).call();
            StringBuilder report = new StringBuilder();
            diagnostics.getDiagnostics().forEach(d -> report.append(d.getKind()).append(" line ")
                    .append(d.getLineNumber()).append(": ").append(d.getMessage(null)).append('\n'));
            assertThat(ok).as("%s:%d does not compile:%n%s%n--- source ---%n%s", s.file(), s.line(), report, source)
                    .isTrue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
