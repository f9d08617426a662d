package io.jdeepface.app.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.http.MultiPartConfig;
import org.eclipse.jetty.http.MultiPartFormData;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Attributes;
import org.eclipse.jetty.util.UrlEncoded;

/**
 * Reads a request body into an {@link ApiRequest}: at most {@code maxBodyBytes} (413 beyond,
 * refused from the declared Content-Length before anything is read), then parsed as a JSON object
 * or as multipart/form-data. Broken bodies give 400s saying what is wrong.
 */
final class RequestReader {
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build()).build()).build();

    private final long maxBodyBytes;
    private final int maxParts;

    RequestReader(long maxBodyBytes, int maxImages) {
        this.maxBodyBytes = maxBodyBytes;
        this.maxParts = maxImages + 32; // every option as a form field, and a few to spare
    }

    ApiRequest read(Request request) {
        String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        byte[] body = body(request);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/form-data")) {
            return multipart(body, contentType);
        }
        if (type.isEmpty() || type.startsWith("application/json") || type.endsWith("+json")) {
            return json(body);
        }
        if (type.startsWith("application/x-www-form-urlencoded")) {
            // curl -d sends JSON under this type unless told otherwise: accept it as JSON.
            return startsWithBrace(body) ? json(body) : urlEncoded(body);
        }
        throw new ApiException(415, "unsupported content type '" + contentType
                + "': send application/json, multipart/form-data or application/x-www-form-urlencoded");
    }

    private static final String CONSUMED = RequestReader.class.getName() + ".consumed";

    /** Whether the request had no body or it was read to its end. */
    static boolean consumedBody(Request request) {
        return request.getLength() == 0 || request.getAttribute(CONSUMED) != null;
    }

    /**
     * Reads and discards the body of a request refused before it was read, up to twice the body
     * limit: a client still sending it (most send the whole body before reading the answer) would
     * otherwise have the connection reset under it and never see the refusal. Returns false when
     * the body is larger than that (or broken); the connection must then be closed after the answer.
     */
    boolean discardBody(Request request) {
        if (consumedBody(request)) {
            return true;
        }
        long drainLimit = maxBodyBytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : 2 * maxBodyBytes;
        long declared = request.getLength();
        if (declared > drainLimit) {
            return false;
        }
        try (InputStream in = Request.asInputStream(request)) {
            long skipped = 0;
            byte[] buf = new byte[64 * 1024];
            for (int n; (n = in.read(buf)) > 0; ) {
                skipped += n;
                if (skipped > drainLimit) {
                    return false;
                }
            }
            request.setAttribute(CONSUMED, Boolean.TRUE);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private byte[] body(Request request) {
        long declared = request.getLength();
        if (declared > maxBodyBytes) {
            throw tooLarge(declared + " bytes");
        }
        try (InputStream in = Request.asInputStream(request)) {
            byte[] body = in.readNBytes((int) Math.min(maxBodyBytes + 1, Integer.MAX_VALUE - 16));
            if (body.length > maxBodyBytes) {
                throw tooLarge("more than " + maxBodyBytes + " bytes");
            }
            request.setAttribute(CONSUMED, Boolean.TRUE);
            return body;
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read completely (" + e.getClass()
                    .getSimpleName() + "): did the client send less than its Content-Length?");
        }
    }

    private ApiException tooLarge(String size) {
        return new ApiException(413, "request body of " + size + " exceeds the server's limit of " + maxBodyBytes
                + " bytes (--max-body)");
    }

    private static ApiRequest json(byte[] body) {
        if (body.length == 0) {
            throw ApiException.badRequest("empty request body: send a JSON object such as {\"img\": \"data:image/jpeg;base64,...\"}");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw ApiException.badRequest("malformed JSON" + where + ": " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiException.badRequest("malformed JSON: " + e.getMessage());
        }
        if (!(node instanceof ObjectNode o)) {
            throw ApiException.badRequest("the request body must be a JSON object, found "
                    + (node == null ? "nothing" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
        }
        return ApiRequest.ofJson(o);
    }

    private static boolean startsWithBrace(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }

    private static ApiRequest urlEncoded(byte[] body) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        try {
            UrlEncoded.decodeTo(new String(body, StandardCharsets.UTF_8),
                    (k, v) -> fields.computeIfAbsent(k, x -> new ArrayList<>()).add(v), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed form body: " + e.getMessage());
        }
        return ApiRequest.ofForm(fields, Map.of());
    }

    private ApiRequest multipart(byte[] body, String contentType) {
        MultiPartConfig config = new MultiPartConfig.Builder()
                .maxParts(maxParts)
                .maxSize(maxBodyBytes)
                .maxPartSize(maxBodyBytes)
                .maxMemoryPartSize(maxBodyBytes) // the body is in memory already; never spill to disk
                .useFilesForPartsWithoutFileName(false)
                .build();
        MultiPartFormData.Parts parts;
        try {
            parts = MultiPartFormData.getParts(Content.Source.from(ByteBuffer.wrap(body)), new Attributes.Mapped(),
                    contentType, config);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("malformed multipart/form-data body: " + rootMessage(e));
        }
        try (parts) {
            Map<String, List<String>> fields = new LinkedHashMap<>();
            Map<String, List<ImageSource.Upload>> uploads = new LinkedHashMap<>();
            for (MultiPart.Part part : parts) {
                String name = part.getName();
                if (name == null || name.isEmpty()) {
                    throw ApiException.badRequest("a multipart part has no name (Content-Disposition: form-data; name=...)");
                }
                if (part.getFileName() != null) {
                    byte[] data = bytes(part);
                    if (data.length == 0) {
                        throw ApiException.badRequest("no file uploaded for '" + name + "' (the part is empty)");
                    }
                    uploads.computeIfAbsent(name, k -> new ArrayList<>())
                            .add(new ImageSource.Upload(name, part.getFileName(), data));
                } else {
                    fields.computeIfAbsent(name, k -> new ArrayList<>())
                            .add(part.getContentAsString(StandardCharsets.UTF_8));
                }
            }
            return ApiRequest.ofForm(fields, uploads);
        }
    }

    private static byte[] bytes(MultiPart.Part part) {
        try {
            ByteBuffer b = Content.Source.asByteBuffer(part.getContentSource());
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (IOException e) {
            throw ApiException.badRequest("multipart part '" + part.getName() + "' could not be read: " + e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }
}
