package org.eolearn.io.sentinelhub.client;

import okhttp3.Response;

/**
 * Checks a successful answer before {@link RetryInterceptor} hands it on; an invalid one is retried as a
 * temporary error. Attached to an OkHttp request as its tag of this type.
 */
@FunctionalInterface
interface ResponseCheck {
    /**
     * Checks an answer.
     *
     * @param response the answer (headers)
     * @param body its whole body
     * @throws ResponseValidator.InvalidAnswerException if the answer is not what was asked for
     */
    void check(Response response, byte[] body) throws ResponseValidator.InvalidAnswerException;
}
