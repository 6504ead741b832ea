package org.eolearn.core.execution;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.eolearn.core.compute.ComputePolicy;
import org.slf4j.LoggerFactory;

/**
 * Attaches an appender for one thread's records to logback's root logger (only loaded with logback).
 *
 * <p>The appender writes to a stream of its own rather than being a logback {@code FileAppender}: that class
 * registers every file in a map of the logger context that is neither synchronised (appenders started by several
 * executor workers at once fail with a {@code ConcurrentModificationException}) nor ever emptied (one entry per
 * execution), and refuses to start on a file an earlier appender used. Records are selected by the thread object (the
 * execution's thread, or a compute helper working for it), not its name, so two executors running at once never see each other's records.
 */
final class LogbackCapture implements AutoCloseable {

    private final Logger root;
    private final ThreadAppender appender;

    private LogbackCapture(Logger root, ThreadAppender appender) {
        this.root = root;
        this.appender = appender;
    }

    static LogbackCapture start(Path file, Thread thread) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(ExecutionLogs.PATTERN);
        encoder.start();
        OutputStream out;
        try {
            out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the execution log " + file, e);
        }
        ThreadAppender appender = new ThreadAppender(thread, encoder, out);
        appender.setContext(context);
        appender.setName("eoexecution-" + thread.getName() + "-" + file.getFileName());
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        return new LogbackCapture(root, appender);
    }

    @Override
    public void close() throws IOException {
        root.detachAppender(appender);
        appender.stop();
        appender.out.close();
    }

    /**
     * Writes the records logged on one thread and on the threads working for it ({@link ComputePolicy#owner()}).
     */
    private static final class ThreadAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        private final Thread thread;
        private final PatternLayoutEncoder encoder;
        private final OutputStream out;

        ThreadAppender(Thread thread, PatternLayoutEncoder encoder, OutputStream out) {
            this.thread = thread;
            this.encoder = encoder;
            this.out = out;
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (ComputePolicy.owner() != thread) {
                return;
            }
            synchronized (out) {
                try {
                    // written and flushed per record, like Python's logging.FileHandler
                    out.write(encoder.encode(event));
                    out.flush();
                } catch (IOException e) {
                    addError("cannot write the execution log", e);
                }
            }
        }
    }
}
