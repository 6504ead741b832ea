package org.eolearn.io.sentinelhub.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk cache: one folder per request, named by the SHA-256 of method, URL and body, holding
 * {@code response.<ext>} and {@code request.json}. An entry is written in a temporary folder and then
 * renamed into place atomically, so a reader sees a complete entry or none, and of two writers of the same
 * entry the first wins.
 */
final class DownloadCache {
    private static final Logger LOG = LoggerFactory.getLogger(DownloadCache.class);
    /** Headers never written to request.json. */
    private static final Set<String> SECRET_HEADERS =
            Set.of("authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key");

    private final Path folder;

    DownloadCache(Path folder) {
        this.folder = folder;
    }

    static String key(DownloadRequest r) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((r.method() + "\n" + r.url() + "\n").getBytes(StandardCharsets.UTF_8));
            String range = r.headers().get("Range");
            if (range != null) {
                md.update(("Range: " + range + "\n").getBytes(StandardCharsets.UTF_8)); // parts of one file differ
            }
            if (r.bodyUnsafe() != null) {
                md.update(r.bodyUnsafe());
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    Path entry(String key) {
        return folder.resolve(key);
    }

    /** The cached answer, or {@code null} when there is none (or it does not belong to this request). */
    DownloadResponse read(String key, DownloadRequest r) {
        Path dir = entry(key);
        Path meta = dir.resolve("request.json");
        if (!Files.isRegularFile(meta)) {
            return null;
        }
        try {
            JsonNode json = HttpSupport.JSON.readTree(meta.toFile());
            JsonNode req = json.get("request");
            JsonNode res = json.get("response");
            if (!r.method().equals(req.path("method").asText()) || !r.url().toString().equals(req.path("url").asText())
                    || !req.path("body_sha256").asText().equals(bodyHash(r.bodyUnsafe()))) {
                LOG.warn("Cache entry {} belongs to another request; ignored", key);
                return null;
            }
            String range = r.headers().get("Range");
            if (range != null && !range.equals(req.path("headers").path("Range").asText(null))) {
                LOG.warn("Cache entry {} holds another range; ignored", key);
                return null;
            }
            byte[] body = Files.readAllBytes(dir.resolve(res.path("file").asText("response.bin")));
            String contentType = res.hasNonNull("content_type") ? res.get("content_type").asText() : null;
            Map<String, java.util.List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            res.path("headers").properties().forEach(e -> headers.put(e.getKey(), java.util.List.of(
                    e.getValue().asText())));
            return new DownloadResponse(r, res.path("status").asInt(200), contentType, headers, true, body);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Cache entry {} is unreadable ({}); downloading again", key, e.getClass().getSimpleName());
            return null;
        }
    }

    /** Stores an answer; failures are logged and ignored (the cache is an optimisation). */
    void write(String key, DownloadResponse response) {
        Path tmp = null;
        try {
            Files.createDirectories(folder);
            tmp = Files.createTempDirectory(folder, ".tmp-" + key.substring(0, 8) + "-");
            String file = "response." + extension(response.contentType());
            Files.write(tmp.resolve(file), response.bodyUnsafe());
            Files.write(tmp.resolve("request.json"),
                    HttpSupport.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(describe(response, file)));
            try {
                Files.move(tmp, entry(key), StandardCopyOption.ATOMIC_MOVE);
                tmp = null;
            } catch (FileAlreadyExistsException | DirectoryNotEmptyException alreadyThere) {
                LOG.debug("Cache entry {} was written by another request", key);
            } catch (AtomicMoveNotSupportedException e) {
                LOG.warn("The cache folder does not support atomic moves; answer not cached");
            }
        } catch (IOException e) {
            LOG.warn("Could not write cache entry {}: {}", key, e.toString());
        } finally {
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
    }

    boolean exists(String key) {
        return Files.exists(entry(key));
    }

    /** Removes an entry: renamed away first (atomically), then deleted. */
    void discard(String key) {
        Path dir = entry(key);
        try {
            Path aside = folder.resolve(".stale-" + key + "-" + System.nanoTime());
            Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
            deleteTree(aside);
        } catch (IOException e) {
            LOG.warn("Could not remove cache entry {}: {}", key, e.toString());
        }
    }

    private static ObjectNode describe(DownloadResponse response, String file) {
        DownloadRequest r = response.request();
        ObjectNode root = HttpSupport.JSON.createObjectNode();
        ObjectNode req = root.putObject("request");
        req.put("method", r.method());
        req.put("url", r.url().toString());
        ObjectNode headers = req.putObject("headers");
        r.headers().forEach((k, v) -> {
            if (!SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                headers.put(k, v);
            }
        });
        byte[] body = r.bodyUnsafe();
        if (body != null) {
            String text = utf8(body);
            if (text != null) {
                req.put("body", text);
            } else {
                req.put("body_base64", Base64.getEncoder().encodeToString(body));
            }
        }
        req.put("body_sha256", bodyHash(body));
        req.put("timestamp", Instant.now().toString());
        ObjectNode res = root.putObject("response");
        res.put("status", response.status());
        res.put("content_type", response.contentType());
        res.put("file", file);
        res.put("size", response.bodyLength());
        ObjectNode resHeaders = res.putObject("headers");
        response.headers().forEach((k, v) -> {
            if (!SECRET_HEADERS.contains(k.toLowerCase(Locale.ROOT))) {
                resHeaders.put(k, String.join(", ", v));
            }
        });
        return root;
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String bodyHash(byte[] body) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            if (body != null) {
                md.update(body);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing", e);
        }
    }

    static String extension(String contentType) {
        String t = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (t.startsWith("image/tiff")) {
            return "tiff";
        } else if (t.startsWith("application/json") || t.startsWith("application/geo+json")) {
            return "json";
        } else if (t.startsWith("application/x-tar")) {
            return "tar";
        } else if (t.startsWith("image/png")) {
            return "png";
        } else if (t.startsWith("image/jpeg2000") || t.startsWith("image/jp2")) {
            return "jp2";
        } else if (t.startsWith("image/jpeg")) {
            return "jpg";
        } else if (t.contains("xml")) {
            return "xml";
        } else if (t.startsWith("text/")) {
            return "txt";
        }
        return "bin";
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> paths = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
            for (Path p : paths) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.debug("Could not delete the temporary cache folder {}", dir);
        }
    }
}
