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
import java.util.concurrent.ConcurrentHashMap;
import org.eolearn.core.compute.ComputePolicy;
import org.slf4j.LoggerFactory;

/**
 * Captures one thread's records into an execution's log file (only loaded with logback).
 *
 * <p>One dispatching appender stays on logback's root logger and hands each record to the capture of the thread
 * it belongs to (the execution's thread, or a compute helper working for it: {@link ComputePolicy#owner()}), so that
 * executions start and end without adding and removing appenders. Logback keeps a root logger's appenders in a
 * copy-on-write list whose cached copy can be marked current while it still lacks an appender added at that moment
 * by another thread; with an appender per execution, concurrent executors lost an execution's records that way.
 * Captures write to streams of their own rather than through logback's {@code FileAppender}, which registers every
 * file in an unsynchronised, never emptied map of the logger context and refuses a file an earlier appender used.
 * Records are selected by the thread object, not its name, so two executors running at once never see each other's
 * records.
 */
final class LogbackCapture implements AutoCloseable {

    private static final String DISPATCHER = "eoexecution-dispatcher";
    /** The capture of each thread, the innermost first (an execution inside a task of another chains to it). */
    private static final ConcurrentHashMap<Thread, LogbackCapture> CAPTURES = new ConcurrentHashMap<>();

    private final Thread thread;
    private final PatternLayoutEncoder encoder;
    private final OutputStream out;
    private final LogbackCapture outer;

    private LogbackCapture(Thread thread, PatternLayoutEncoder encoder, OutputStream out, LogbackCapture outer) {
        this.thread = thread;
        this.encoder = encoder;
        this.out = out;
        this.outer = outer;
    }

    static LogbackCapture start(Path file, Thread thread) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        installDispatcher(context);
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
        LogbackCapture[] created = new LogbackCapture[1];
        CAPTURES.compute(thread, (t, outer) -> created[0] = new LogbackCapture(t, encoder, out, outer));
        return created[0];
    }

    /** Puts the dispatcher on the root logger once per logger context (again if the context was reset). */
    private static synchronized void installDispatcher(LoggerContext context) {
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (root.getAppender(DISPATCHER) == null) {
            Dispatcher d = new Dispatcher();
            d.setContext(context);
            d.setName(DISPATCHER);
            d.start();
            root.addAppender(d);
        }
    }

    private void write(ILoggingEvent event) {
        synchronized (out) {
            try {
                // written and flushed per record, like Python's logging.FileHandler
                out.write(encoder.encode(event));
                out.flush();
            } catch (IOException e) {
                encoder.addError("cannot write the execution log", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        CAPTURES.compute(thread, (t, current) -> current == this ? outer : current);
        synchronized (out) {
            out.close();
        }
    }

    /** Hands each record to the captures of the thread it belongs to. */
    private static final class Dispatcher extends UnsynchronizedAppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
            for (LogbackCapture c = CAPTURES.get(ComputePolicy.owner()); c != null; c = c.outer) {
                c.write(event);
            }
        }
    }
}
