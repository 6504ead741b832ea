package org.eolearn.examples.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * The command line's logging, configured in code (logback finds it through {@code META-INF/services}): records at
 * {@code WARN} and above (or the level of the system property {@code eolearn.log.level}) on standard error as
 * {@code HH:mm:ss.SSS LEVEL Logger - message}, ND4J's and Reflections' chatter below WARN silenced. Reading an XML
 * configuration took about 0.2 s of every start. A {@code logback.configurationFile} system property, or a
 * {@code logback.xml} or {@code logback-test.xml} on the class path, takes precedence.
 */
public final class CliLogging extends ContextAwareBase implements Configurator {

    /** The record layout. */
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level %logger{0} - %msg%n";

    /** Creates the configurator (logback does, through the service loader). */
    public CliLogging() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        ClassLoader loader = CliLogging.class.getClassLoader();
        if (System.getProperty("logback.configurationFile") != null || loader.getResource("logback-test.xml") != null
                || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        // a failed task's trace goes to its execution's log and report; the console shows it with --debug
        boolean debug = Boolean.getBoolean(EOLearnCommand.DEBUG_PROPERTY);
        if (!debug) {
            @SuppressWarnings("unchecked")
            java.util.Map<String, String> rules = (java.util.Map<String, String>) context.getObject(
                    ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY);
            if (rules == null) {
                rules = new java.util.HashMap<>();
                context.putObject(ch.qos.logback.core.CoreConstants.PATTERN_RULE_REGISTRY, rules);
            }
            rules.put("firstLine", FirstLine.class.getName());
        }
        encoder.setPattern(debug ? PATTERN : PATTERN.replace("%msg", "%firstLine") + "%nopex");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.toLevel(System.getProperty("eolearn.log.level", "WARN"), Level.WARN));
        root.addAppender(stderr);
        context.getLogger("org.nd4j").setLevel(Level.WARN);
        context.getLogger("org.reflections").setLevel(Level.WARN);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** The first line of a record's message (a failed task's record carries its trace on the lines after). */
    public static final class FirstLine extends ch.qos.logback.classic.pattern.ClassicConverter {

        /** Creates the converter (logback does). */
        public FirstLine() {
        }

        @Override
        public String convert(ILoggingEvent event) {
            String m = event.getFormattedMessage();
            int nl = m == null ? -1 : m.indexOf('\n');
            return nl < 0 ? m : m.substring(0, nl) + " (--debug shows the trace)";
        }
    }
}
