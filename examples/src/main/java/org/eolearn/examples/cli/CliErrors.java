package org.eolearn.examples.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * The one line {@code error: ...} the command line prints for a failure: what is wrong, naming the file,
 * parameter or address, never a bare class name, file name or {@code null}. {@code --debug} adds the trace.
 */
final class CliErrors {

    private CliErrors() {
    }

    /**
     * Describes a failure in one line.
     *
     * @param e the failure
     * @return the text after {@code error: }
     */
    static String message(Throwable e) {
        Throwable t = e;
        // wrappers that add nothing of their own: no message, or only their cause's class and message
        while (t.getCause() != null && t.getCause() != t && (t.getMessage() == null || t.getMessage().isBlank()
                || t.getMessage().equals(t.getCause().toString()))
                && what(t).equals(t.getClass().getSimpleName())) {
            t = t.getCause();
        }
        if (t instanceof FileSystemException f && !(t.getClass() == FileSystemException.class)) {
            return fileProblem(f);
        }
        String own = t.getMessage();
        if (own != null && !own.isBlank()) {
            return own.strip().replace('\n', ' ');
        }
        return what(t);
    }

    private static String what(Throwable t) {
        if (t instanceof java.nio.channels.UnresolvedAddressException || t instanceof java.net.UnknownHostException) {
            return "the server's host name cannot be resolved (is the network reachable?)";
        }
        if (t instanceof java.net.ConnectException) {
            return "cannot connect to the server";
        }
        if (t instanceof java.net.http.HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
            return "the server did not answer in time";
        }
        if (t instanceof NullPointerException) {
            return "internal error (NullPointerException; --debug shows where)";
        }
        return t.getClass().getSimpleName();
    }

    private static String fileProblem(FileSystemException f) {
        String file = f.getFile() == null ? "" : f.getFile() + ": ";
        String reason = f.getReason();
        if (reason != null && !reason.isBlank()) {
            return file + reason;
        }
        if (f instanceof NoSuchFileException) {
            return file + "no such file or folder";
        }
        if (f instanceof NotDirectoryException) {
            return file + "not a folder (an EOPatch is a folder)";
        }
        if (f instanceof AccessDeniedException) {
            return file + "permission denied";
        }
        if (f instanceof FileAlreadyExistsException) {
            return file + "already exists";
        }
        if (f instanceof DirectoryNotEmptyException) {
            return file + "the folder is not empty";
        }
        return file + f.getClass().getSimpleName();
    }
}
