package org.eolearn.examples.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code eolearn} command line: inspect, copy and benchmark patches in eo-learn's format.
 *
 * <pre>
 * eolearn info PATCH
 * eolearn copy SRC DST [--no-compress] [--features data/NDVI,mask]
 * eolearn tasks [--markdown]
 * eolearn task NAME --help
 * eolearn task NAME --params P.json INPUT... OUTPUT
 * eolearn run WORKFLOW.json --args ARGS.json [--workers N] [--report DIR]
 * eolearn land-cover SCENES.npy PATCH OUT
 * eolearn water-monitor [--demo | --outline WKT | --reservoirs GEOJSON] [--source sentinel-hub|stac]
 * eolearn bench io|executor|workflow
 * </pre>
 */
@Command(name = "eolearn", mixinStandardHelpOptions = true, versionProvider = EOLearnCommand.Version.class,
        description = "eo-learn for Java: work with EOPatches in eo-learn's on-disk format.",
        subcommands = {InfoCommand.class, CopyCommand.class, TasksCommand.class, TaskCommand.class, RunCommand.class,
            CloudlessCommand.class,
            LandCoverCommand.class, WaterMonitorCommand.class, BenchCommand.class,
            CommandLine.HelpCommand.class})
public final class EOLearnCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Prints the usage when no subcommand is given.
     *
     * @return exit code 2
     */
    @Override
    public Integer call() {
        spec.commandLine().usage(System.err);
        return 2;
    }

    /**
     * Runs the command line.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        withoutDebug(args); // before anything logs: the logging set-up reads the property
        preloadArrays(args);
        System.exit(run(args));
    }

    /** The system property {@code --debug} sets: traces of errors, on the console too. */
    static final String DEBUG_PROPERTY = "eolearn.debug";

    /**
     * Takes {@code --debug} out of the arguments (it may stand anywhere) and sets {@link #DEBUG_PROPERTY}.
     *
     * @param args the arguments
     * @return the others
     */
    static String[] withoutDebug(String[] args) {
        java.util.List<String> rest = new java.util.ArrayList<>();
        for (String a : args) {
            if ("--debug".equals(a)) {
                System.setProperty(DEBUG_PROPERTY, "true");
            } else {
                rest.add(a);
            }
        }
        return rest.toArray(new String[0]);
    }

    /** Commands that compute with ND4J arrays (info, help and version do not). */
    private static final java.util.Set<String> ARRAY_COMMANDS = java.util.Set.of("run", "water-monitor", "land-cover",
            "task", "bench", "copy", "cloudless");

    /**
     * Starts ND4J's initialisation (about a second: its native libraries) on a daemon thread, for a command that will
     * need it, so it overlaps with the JVM's own start-up, the command line and the workflow's parsing instead of
     * following them. The first array waits for it to finish; if it fails, that first use reports the error.
     */
    private static void preloadArrays(String[] args) {
        if (args.length == 0 || !ARRAY_COMMANDS.contains(args[0]) || asksForHelp(args)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                org.nd4j.linalg.factory.Nd4j.getBackend();
            } catch (RuntimeException | LinkageError e) {
                // reported by the command's first use of an array
            }
        }, "eolearn-nd4j-init");
        t.setDaemon(true);
        t.start();
    }

    private static boolean asksForHelp(String[] args) {
        java.util.List<String> list = java.util.Arrays.asList(args);
        return list.contains("--help") || list.contains("-h") || list.contains("--version") || list.contains("-V");
    }

    /**
     * Apache SIS logs through java.util.logging; its notes about the optional EPSG database are not errors. The
     * logger is set up only for commands that may reproject: java.util.logging's start-up searches every jar of the
     * class path for service files (about 0.1 s of {@code info}'s start-up).
     */
    private static final class QuietSis {
        /** Held here: java.util.logging keeps its loggers only weakly, with their levels. */
        static final java.util.logging.Logger LOGGER = java.util.logging.Logger.getLogger("org.apache.sis");

        private QuietSis() {
        }
    }

    /** Quiets Apache SIS unless the command is one that never reprojects (touching the holder starts JUL). */
    private static void quietSis(String[] args) {
        boolean light = args.length == 0 || "info".equals(args[0]) || "help".equals(args[0]) || "tasks".equals(args[0])
                || asksForHelp(args);
        if (!light) {
            QuietSis.LOGGER.setLevel(java.util.logging.Level.SEVERE);
        }
    }

    /**
     * Runs the command line without exiting (for tests and embedding).
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        quietSis(args);
        CommandLine cli = new CommandLine(new EOLearnCommand());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + CliErrors.message(e));
            if (Boolean.getBoolean(DEBUG_PROPERTY)) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cli.execute(withoutDebug(args));
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = EOLearnCommand.class.getPackage().getImplementationVersion();
            return new String[] {"eolearn " + (v == null ? "development build" : v)};
        }
    }
}
