package org.eolearn.io.sentinelhub.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny HTTP server on a raw {@link ServerSocket} that answers one request per connection and then closes
 * it, the way an HTTP/1.0 server without keep-alive does. It counts the requests it read and the connections
 * it accepted.
 */
final class Http10Server implements AutoCloseable {
    private final ServerSocket socket;
    private final Thread thread;
    private final String statusLine;
    private final String extraHeaders;
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();

    private Http10Server(String statusLine, String extraHeaders) throws IOException {
        this.statusLine = statusLine;
        this.extraHeaders = extraHeaders;
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "http10-server");
        thread.setDaemon(true);
        thread.start();
    }

    /** An HTTP/1.0 server: no {@code Connection} header, a {@code Content-Length}, then the socket is closed. */
    static Http10Server http10() throws IOException {
        return new Http10Server("HTTP/1.0 200 OK", "");
    }

    /** A server that answers with the given status line and extra header lines (each ending in CRLF). */
    static Http10Server of(String statusLine, String extraHeaders) throws IOException {
        return new Http10Server(statusLine, extraHeaders);
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + socket.getLocalPort() + path);
    }

    int requests() {
        return requests.get();
    }

    int connections() {
        return connections.get();
    }

    private void serve() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                connections.incrementAndGet();
                InputStream in = s.getInputStream();
                String head = readHead(in);
                if (head == null) {
                    continue; // the client closed without a request
                }
                requests.incrementAndGet();
                int length = contentLength(head);
                in.readNBytes(length);
                byte[] body = ("{\"n\":" + requests.get() + "}").getBytes(StandardCharsets.US_ASCII);
                OutputStream out = s.getOutputStream();
                out.write((statusLine + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                        + extraHeaders + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(body);
                out.flush();
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                // a broken client connection: serve the next one
            }
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
                    ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4) {
                return head.toString(StandardCharsets.US_ASCII);
            }
        }
        return null;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
                return Integer.parseInt(line.substring(colon + 1).trim());
            }
        }
        return 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
