package org.eolearn.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * What one execution sends back from a Spark executor: timing, per-node statistics by node name, the failure and
 * the log text. No patch data travels back to the driver.
 *
 * @param index     the execution's index
 * @param start     when it started
 * @param end       when it ended
 * @param nodes     the nodes that ran, in order
 * @param errorNode the name of the node that failed, or null
 * @param log       the execution's log text
 */
record RemoteOutcome(int index, Instant start, Instant end, List<RemoteNode> nodes, String errorNode, String log)
        implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * One node's statistics.
     *
     * @param name      the node name (unique in a JSON workflow)
     * @param start     when the task started
     * @param end       when it ended
     * @param exception the failure (the original exception when it can be serialized), or null
     * @param traceback the stack trace text
     * @param origin    the raising frame
     */
    record RemoteNode(String name, Instant start, Instant end, Throwable exception, String traceback, String origin)
            implements Serializable {

        private static final long serialVersionUID = 1L;

        /** Keeps the exception if it serializes, otherwise a stand-in with the same message and trace. */
        static Throwable portable(Throwable e) {
            if (e == null) {
                return null;
            }
            try (ObjectOutputStream out = new ObjectOutputStream(new ByteArrayOutputStream())) {
                out.writeObject(e);
                return e;
            } catch (IOException | RuntimeException notSerializable) {
                RemoteTaskException stand = new RemoteTaskException(e.getClass().getName(), e.getMessage());
                stand.setStackTrace(e.getStackTrace());
                return stand;
            }
        }
    }
}
