package org.eolearn.core.execution;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.slf4j.LoggerFactory;

/**
 * One execution's log file. When the application logs with logback, every record logged on the execution's
 * thread while it runs is written to the file (at the levels the logging configuration lets through); the
 * executor's own lines are always written. The line format is eo-learn's
 * {@code "%(asctime)s %(name)-12s %(levelname)-8s %(message)s"}.
 */
final class ExecutionLogs implements AutoCloseable {

    static final String PATTERN = "%d{\"yyyy-MM-dd HH:mm:ss,SSS\"} %-12logger{0} %-8level %msg%n%ex";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final boolean LOGBACK = logbackPresent();

    private final Path file;
    private final AutoCloseable capture;
    private final org.slf4j.Logger logger = LoggerFactory.getLogger(EOExecutor.class);

    private ExecutionLogs(Path file, AutoCloseable capture) {
        this.file = file;
        this.capture = capture;
    }

    /**
     * Starts logging the current thread into a file.
     *
     * @param file the log file
     * @return the open log
     */
    static ExecutionLogs open(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the execution log " + file, e);
        }
        AutoCloseable capture = LOGBACK ? LogbackCapture.start(file, Thread.currentThread()) : null;
        return new ExecutionLogs(file, capture);
    }

    /**
     * Writes an executor line (through the logging system when it is captured, directly otherwise).
     *
     * @param level   the level name
     * @param message the message
     */
    void write(String level, String message) {
        if (capture != null && (level.equals("ERROR") ? logger.isErrorEnabled() : logger.isInfoEnabled())) {
            if (level.equals("ERROR")) {
                logger.error(message);
            } else {
                logger.info(message);
            }
            return;
        }
        String line = format(LocalDateTime.now(), "EOExecutor", level, message);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND)) {
            w.write(line);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the execution log " + file, e);
        }
    }

    static String format(LocalDateTime time, String logger, String level, String message) {
        return String.format("%s %-12s %-8s %s%n", TIME.format(time), logger, level, message);
    }

    @Override
    public void close() {
        if (capture != null) {
            try {
                capture.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the execution log " + file, e);
            }
        }
    }

    private static boolean logbackPresent() {
        try {
            Class.forName("ch.qos.logback.classic.LoggerContext");
            return LoggerFactory.getILoggerFactory().getClass().getName().equals(
                    "ch.qos.logback.classic.LoggerContext");
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
