package org.eolearn.io.sentinelhub.client;

import java.io.IOException;
import java.net.Socket;
import java.util.Locale;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * A network interceptor that keeps connections an HTTP/1.0 server is about to close out of the pool.
 *
 * <p>An HTTP/1.0 answer without {@code Connection: keep-alive} ends the connection (HTTP/1.0 connections
 * are not persistent unless both sides say so), but OkHttp only honours an explicit {@code Connection: close}
 * and pools such a connection. The next request then reuses a socket the server has closed and fails with
 * "unexpected end of stream" (and since this library turns OkHttp's own {@code retryOnConnectionFailure}
 * off, so that every retry is counted and bounded, that costs an attempt). Here such an answer's body is read
 * while the call still holds the connection, and the socket is then closed: OkHttp's pool sees a closed
 * socket, never hands it out again and opens a new connection for the next request.
 */
final class KeepAliveInterceptor implements Interceptor {
    @Override
    public Response intercept(Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        Connection connection = chain.connection();
        if (response.protocol() != Protocol.HTTP_1_0 || keepsAlive(response) || connection == null) {
            return response;
        }
        byte[] body;
        MediaType type;
        try (ResponseBody rb = response.body()) {
            type = rb.contentType();
            body = rb.bytes();
        }
        Socket socket = connection.socket();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all we want; a failure to close leaves nothing to do
        }
        return response.newBuilder().body(ResponseBody.create(body, type)).build();
    }

    private static boolean keepsAlive(Response response) {
        for (String value : response.headers("Connection")) {
            for (String token : value.split(",")) {
                if (token.trim().toLowerCase(Locale.ROOT).equals("keep-alive")) {
                    return true;
                }
            }
        }
        return false;
    }
}
