package org.eolearn.core.io;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates a Python literal expression the way CPython 3.11's {@code ast.literal_eval} does, for the NPY header
 * dict. Written from the Python language reference and {@code ast.literal_eval}'s rules, not from any other
 * implementation.
 *
 * <p>Values: {@code str} is a {@link String}, {@code bytes} is {@link Bytes}, {@code int} is {@link BigInteger},
 * {@code bool} is {@link Boolean}, {@code float} is {@link Double}, {@code complex} is {@link Complex}, {@code None}
 * and {@code ...} are {@link #NONE} and {@link #ELLIPSIS}, a tuple is {@link Tuple}, a list is {@link ArrayList},
 * a set is {@link HashSet} and a dict is a {@link LinkedHashMap} (a repeated key keeps the last value, as in
 * Python). Anything that is not valid Python, or valid Python that {@code literal_eval} refuses (names, calls,
 * operators other than a sign on a number or {@code real ± imaginary}), raises {@link Malformed}.
 *
 * <p>With {@code dropLongSuffix} (numpy's {@code _filter_header} for format versions 1.0 and 2.0) a name token
 * {@code L} right after a number token is removed before evaluation, as numpy does for Python 2 headers.
 */
final class PyLiteral {

    /** Python's {@code None}. */
    static final Object NONE = new Object() {
        @Override
        public String toString() {
            return "None";
        }
    };
    /** Python's {@code Ellipsis}. */
    static final Object ELLIPSIS = new Object() {
        @Override
        public String toString() {
            return "Ellipsis";
        }
    };

    /** A {@code bytes} value. */
    record Bytes(byte[] value) {
    }

    /** A {@code complex} value (only its existence matters here). */
    record Complex(double real, double imag) {
    }

    /** A tuple. */
    record Tuple(List<Object> items) {
    }

    /** The text is not a literal {@code ast.literal_eval} accepts. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    private final String src;
    private final boolean dropLongSuffix;
    /** Characters numpy's tokenize round trip passes through unfiltered. */
    private final boolean[] opaque;
    private int pos;
    private int depth;

    private PyLiteral(String src, boolean dropLongSuffix, boolean[] opaque) {
        this.src = src;
        this.dropLongSuffix = dropLongSuffix;
        this.opaque = opaque;
    }

    /**
     * Evaluates a literal.
     *
     * @param text           the source text
     * @param dropLongSuffix whether to drop Python 2's {@code L} after numbers (NPY 1.0 and 2.0)
     * @return the value
     * @throws Malformed if {@code ast.literal_eval} would raise
     */
    static Object eval(String text, boolean dropLongSuffix) throws Malformed {
        if (text.indexOf('\0') >= 0) {
            throw new Malformed("source code string cannot contain null bytes");
        }
        boolean[] opaque = dropLongSuffix ? scanForFilter(text) : new boolean[text.length()];
        if (!dropLongSuffix) {
            checkTrailingIndent(text);
        }
        int start = 0;
        while (start < text.length() && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
            start++;
        }
        // CPython translates \r\n and \r to \n before tokenizing.
        StringBuilder b = new StringBuilder(text.length());
        boolean[] mask = new boolean[text.length()];
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                continue;
            }
            mask[b.length()] = opaque[i];
            b.append(c == '\r' ? '\n' : c);
        }
        PyLiteral p = new PyLiteral(b.toString(), dropLongSuffix, mask);
        p.skipBlankLinesAtTop(!dropLongSuffix);
        Object value = p.expressionList();
        p.skipTrailer();
        return value;
    }

    /**
     * Models what numpy's tokenize round trip ({@code _filter_header}, versions 1.0/2.0) does besides dropping
     * {@code L}: Python's {@code tokenize} splits lines at {@code \n} only, so a line that starts (outside brackets,
     * after indentation) with {@code \r} is passed through as one blank-line token, up to and including its
     * {@code \n}: nothing in it is filtered, its brackets are not counted, and without a {@code \n} the round trip
     * fails. Lines it then sees outside brackets must be indented consistently.
     *
     * @return for each character, whether it lies in such a passed-through line
     */
    private static boolean[] scanForFilter(String s) throws Malformed {
        boolean[] opaque = new boolean[s.length()];
        int parenlev = 0;
        boolean continued = false;
        java.util.ArrayDeque<Integer> indents = new java.util.ArrayDeque<>();
        indents.push(0);
        int i = 0;
        String openString = null; // the quote of a triple-quoted string spanning lines
        while (i < s.length()) {
            int lineEnd = s.indexOf('\n', i);
            int next = lineEnd < 0 ? s.length() : lineEnd + 1;
            int p = i;
            if (openString == null && parenlev == 0 && !continued) {
                int col = 0;
                while (p < next && (s.charAt(p) == ' ' || s.charAt(p) == '\t' || s.charAt(p) == '\f')) {
                    col = s.charAt(p) == ' ' ? col + 1 : s.charAt(p) == '\t' ? (col / 8 + 1) * 8 : 0;
                    p++;
                }
                if (p >= next) {
                    i = next;
                    continue;
                }
                char c = s.charAt(p);
                if (c == '\r') {
                    String last = s.substring(i);
                    if (lineEnd < 0 && !last.endsWith("\r") && !last.strip().startsWith("#")) {
                        // tokenize's closing NEWLINE token lands before the end of the passed-through line
                        throw new Malformed("a header line starting with a carriage return is not terminated");
                    }
                    for (int k = p; k < next; k++) {
                        opaque[k] = true;
                    }
                    i = next;
                    continue;
                }
                if (c == '#' || c == '\n') {
                    i = next;
                    continue;
                }
                if (col > indents.peek()) {
                    indents.push(col);
                }
                while (col < indents.peek()) {
                    indents.pop();
                }
                if (col != indents.peek()) {
                    throw new Malformed("unindent does not match any outer indentation level");
                }
            }
            continued = false;
            while (p < next) {
                char c = s.charAt(p);
                if (openString != null) {
                    if (c == '\\') {
                        p += 2;
                        continue;
                    }
                    if (s.startsWith(openString, p)) {
                        p += 3;
                        openString = null;
                        continue;
                    }
                    p++;
                    continue;
                }
                if (c == '#') {
                    break;
                }
                if (c == '\'' || c == '"') {
                    String triple = String.valueOf(c).repeat(3);
                    if (s.startsWith(triple, p)) {
                        openString = triple;
                        p += 3;
                        continue;
                    }
                    int k = p + 1;
                    while (k < next && s.charAt(k) != c && s.charAt(k) != '\n') {
                        k += s.charAt(k) == '\\' ? 2 : 1;
                    }
                    p = k + 1;
                    continue;
                }
                if (c == '\\' && p + 1 < s.length() && s.charAt(p + 1) == '\n') {
                    continued = true;
                    p += 2;
                    continue;
                }
                if (c == '(' || c == '[' || c == '{') {
                    parenlev++;
                } else if (c == ')' || c == ']' || c == '}') {
                    parenlev--;
                }
                p++;
            }
            i = next;
        }
        if (parenlev != 0 || continued || openString != null) {
            throw new Malformed("EOF in multi-line statement");
        }
        return opaque;
    }

    /** Without numpy's tokenize round trip, a last line of only blanks (no newline) is an unexpected indent. */
    private static void checkTrailingIndent(String s) throws Malformed {
        int nl = Math.max(s.lastIndexOf('\n'), s.lastIndexOf('\r'));
        if (nl < 0) {
            return;
        }
        String last = s.substring(nl + 1);
        if (!last.isEmpty() && last.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\f')
                && last.chars().anyMatch(c -> c == ' ' || c == '\t')) {
            throw new Malformed("unexpected indent");
        }
    }

    // ------------------------------------------------------------------ layout

    /** Blank and comment lines before the expression; the expression's line must not be indented. */
    private void skipBlankLinesAtTop(boolean checkFirstLine) throws Malformed {
        boolean first = true;
        while (true) {
            int lineStart = pos;
            int col = 0;
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == ' ') {
                    col++;
                } else if (c == '\t') {
                    col = (col / 8 + 1) * 8;
                } else if (c == '\f') {
                    col = 0;
                } else {
                    break;
                }
                pos++;
            }
            if (pos < src.length() && src.charAt(pos) == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            }
            if (pos < src.length() && src.charAt(pos) == '\n') {
                pos++;
                first = false;
                continue;
            }
            if (pos >= src.length()) {
                return; // nothing: the parser reports the missing expression
            }
            // Without numpy's tokenize round trip, CPython's indentation column counts (a form feed resets it).
            // With it, untokenize rewrites the blanks before the first token of a later line as spaces, so any
            // blank there is an unexpected indent; on the first line literal_eval strips them.
            boolean indented = checkFirstLine ? col != 0 : !first && pos > lineStart;
            if (indented) {
                throw new Malformed("unexpected indent");
            }
            return;
        }
    }

    /** After the expression: blanks, comments and blank lines only. */
    private void skipTrailer() throws Malformed {
        skipSpace();
        if (pos < src.length()) {
            if (src.charAt(pos) != '\n') {
                throw new Malformed("invalid syntax at offset " + pos);
            }
            // every following line must be blank (indentation included) or a comment
            while (pos < src.length()) {
                char c = src.charAt(pos);
                if (c == '#') {
                    while (pos < src.length() && src.charAt(pos) != '\n') {
                        pos++;
                    }
                } else if (c == ' ' || c == '\t' || c == '\f' || c == '\n') {
                    pos++;
                } else if (c == '\\') {
                    throw new Malformed("unexpected line continuation");
                } else {
                    throw new Malformed("unexpected text after the expression at offset " + pos);
                }
            }
        }
    }

    /** Skips blanks, comments, line continuations and, inside brackets, newlines. */
    private void skipSpace() throws Malformed {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '\\') {
                if (pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                    pos += 2;
                    if (depth == 0 && src.substring(pos).isBlank()) {
                        throw new Malformed("unexpected EOF after a line continuation");
                    }
                } else {
                    throw new Malformed("unexpected character after line continuation character");
                }
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '\n' && depth > 0) {
                pos++;
            } else {
                return;
            }
        }
    }

    private char peek() throws Malformed {
        skipSpace();
        return pos < src.length() ? src.charAt(pos) : '\0';
    }

    private void expect(char c) throws Malformed {
        if (peek() != c) {
            throw new Malformed("expected '" + c + "' at offset " + pos);
        }
        pos++;
    }

    // ------------------------------------------------------------------ grammar

    /** A top-level expression list: one expression, or a tuple without parentheses. */
    private Object expressionList() throws Malformed {
        Object first = expression();
        if (peek() != ',') {
            return first;
        }
        List<Object> items = new ArrayList<>();
        items.add(first);
        while (peek() == ',') {
            pos++;
            char c = peek();
            if (c == '\0' || c == '\n') {
                break;
            }
            items.add(expression());
        }
        return new Tuple(items);
    }

    /** One expression: an atom, a sign on a number, or {@code real ± imaginary}. */
    private Object expression() throws Malformed {
        Object left = signed();
        char c = peek();
        if (c == '+' || c == '-') {
            pos++;
            Object right = signed();
            if (!(right instanceof Operand r) || r.signed || !(r.value instanceof Complex)) {
                throw new Malformed("malformed node or string: binary operation");
            }
            Object l = ((Operand) left).value;
            if (!(left instanceof Operand) || !(l instanceof BigInteger || l instanceof Double)) {
                throw new Malformed("malformed node or string: binary operation");
            }
            if (peek() == '+' || peek() == '-') {
                throw new Malformed("malformed node or string: binary operation");
            }
            return new Complex(0, 0);
        }
        return unwrap(left);
    }

    /** An operand of a sign or binary operation, remembering whether it was a number atom. */
    private record Operand(Object value, boolean number, boolean signed) {
    }

    private Object signed() throws Malformed {
        char c = peek();
        if (c == '+' || c == '-') {
            pos++;
            Object inner = signed();
            if (!(inner instanceof Operand o) || !o.number || o.signed) {
                throw new Malformed("malformed node or string: unary operation on a non-number");
            }
            Object v = o.value;
            if (c == '-') {
                if (v instanceof BigInteger b) {
                    v = b.negate();
                } else if (v instanceof Double d) {
                    v = -d;
                }
            }
            return new Operand(v, false, true);
        }
        Object atom = atom();
        if (atom instanceof Operand) {
            return atom;
        }
        return new Operand(atom, false, false);
    }

    private static Object unwrap(Object o) {
        return o instanceof Operand op ? op.value : o;
    }

    private Object atom() throws Malformed {
        char c = peek();
        if (c == '(') {
            pos++;
            depth++;
            if (peek() == ')') {
                pos++;
                depth--;
                return new Tuple(List.of());
            }
            Object first = expressionOrStar();
            if (peek() == ')') {
                pos++;
                depth--;
                return first instanceof Operand ? first : first; // parentheses only group
            }
            List<Object> items = new ArrayList<>();
            items.add(unwrap(first));
            while (peek() == ',') {
                pos++;
                if (peek() == ')') {
                    break;
                }
                items.add(expression());
            }
            expect(')');
            depth--;
            return new Tuple(items);
        }
        if (c == '[') {
            pos++;
            depth++;
            List<Object> items = new ArrayList<>();
            while (peek() != ']') {
                items.add(expression());
                if (peek() != ',') {
                    break;
                }
                pos++;
            }
            expect(']');
            depth--;
            return items;
        }
        if (c == '{') {
            return braces();
        }
        if (c == '\'' || c == '"') {
            return strings();
        }
        if (c == '.' && src.startsWith("...", pos)) {
            pos += 3;
            return ELLIPSIS;
        }
        if (Character.isDigit(c) || (c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1)))) {
            return new Operand(number(), true, false);
        }
        if (isIdentifierStart(c)) {
            int start = pos;
            while (pos < src.length() && isIdentifierPart(src.charAt(pos))) {
                pos++;
            }
            String name = src.substring(start, pos);
            if (pos < src.length() && (src.charAt(pos) == '\'' || src.charAt(pos) == '"')
                    && isStringPrefix(name)) {
                pos = start;
                return strings();
            }
            switch (name) {
                case "True": return Boolean.TRUE;
                case "False": return Boolean.FALSE;
                case "None": return NONE;
                case "set":
                    if (peek() == '(') {
                        pos++;
                        depth++;
                        expect(')');
                        depth--;
                        return new HashSet<>();
                    }
                    throw new Malformed("malformed node or string: name 'set'");
                default:
                    throw new Malformed("malformed node or string: name '" + name + "'");
            }
        }
        throw new Malformed(c == '\0' ? "unexpected end of the header" : "invalid syntax at offset " + pos);
    }

    private Object expressionOrStar() throws Malformed {
        if (peek() == '*') {
            throw new Malformed("malformed node or string: starred expression");
        }
        Object left = signed();
        char c = peek();
        if (c == '+' || c == '-') {
            pos++;
            Object right = signed();
            Object l = ((Operand) left).value;
            if (!(right instanceof Operand r) || r.signed || !(r.value instanceof Complex)
                    || !(l instanceof BigInteger || l instanceof Double)) {
                throw new Malformed("malformed node or string: binary operation");
            }
            if (peek() == '+' || peek() == '-') {
                throw new Malformed("malformed node or string: binary operation");
            }
            return new Complex(0, 0);
        }
        return left;
    }

    private Object braces() throws Malformed {
        pos++;
        depth++;
        if (peek() == '}') {
            pos++;
            depth--;
            return new LinkedHashMap<>();
        }
        Object first = expression();
        if (peek() == ':') {
            pos++;
            Map<Object, Object> dict = new LinkedHashMap<>();
            Object value = expression();
            List<Object[]> entries = new ArrayList<>();
            entries.add(new Object[] {first, value});
            while (peek() == ',') {
                pos++;
                if (peek() == '}') {
                    break;
                }
                Object k = expression();
                expect(':');
                entries.add(new Object[] {k, expression()});
            }
            expect('}');
            depth--;
            for (Object[] e : entries) {
                requireHashable(e[0]);
                dict.remove(key(e[0]));
                dict.put(key(e[0]), e[1]);
            }
            // Python keeps a repeated key at its first position; the order does not matter for NPY headers.
            return dict;
        }
        Set<Object> set = new HashSet<>();
        List<Object> items = new ArrayList<>();
        items.add(first);
        while (peek() == ',') {
            pos++;
            if (peek() == '}') {
                break;
            }
            items.add(expression());
        }
        expect('}');
        depth--;
        for (Object o : items) {
            requireHashable(o);
            set.add(key(o));
        }
        return set;
    }

    /** A dict or set key with Python's equality for the types that matter here. */
    private static Object key(Object o) {
        if (o instanceof Boolean b) {
            return BigInteger.valueOf(b ? 1 : 0);
        }
        if (o instanceof Bytes b) {
            return new String(b.value, java.nio.charset.StandardCharsets.ISO_8859_1) + "\0bytes";
        }
        return o;
    }

    private static void requireHashable(Object o) throws Malformed {
        if (o instanceof List || o instanceof Map || o instanceof Set) {
            throw new Malformed("unhashable type in a dict key or set");
        }
        if (o instanceof Tuple t) {
            for (Object i : t.items) {
                requireHashable(i);
            }
        }
    }

    // ------------------------------------------------------------------ numbers

    private Object number() throws Malformed {
        int start = pos;
        String s = src;
        Object value;
        if (s.charAt(pos) == '0' && pos + 1 < s.length() && "xXoObB".indexOf(s.charAt(pos + 1)) >= 0) {
            char kind = Character.toLowerCase(s.charAt(pos + 1));
            int radix = kind == 'x' ? 16 : kind == 'o' ? 8 : 2;
            pos += 2;
            String digits = digitRun(radix, true);
            if (digits.isEmpty()) {
                throw new Malformed("invalid " + (radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary")
                        + " literal");
            }
            if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                throw new Malformed("invalid digit in a literal");
            }
            value = new BigInteger(digits, radix);
        } else {
            String intPart = s.charAt(pos) == '.' ? "" : digitRun(10, false);
            boolean isFloat = false;
            if (pos < s.length() && s.charAt(pos) == '.') {
                pos++;
                isFloat = true;
                if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    digitRun(10, false);
                }
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos < s.length() && Character.isDigit(s.charAt(pos))) {
                    digitRun(10, false);
                    isFloat = true;
                } else {
                    pos = save;
                    throw new Malformed("invalid decimal literal");
                }
            }
            boolean imaginary = pos < s.length() && (s.charAt(pos) == 'j' || s.charAt(pos) == 'J');
            if (imaginary) {
                pos++;
                value = new Complex(0, 1);
            } else if (isFloat) {
                value = Double.valueOf(s.substring(start, pos).replace("_", ""));
            } else {
                String digits = intPart.replace("_", "");
                if (digits.length() > 1 && digits.charAt(0) == '0' && !digits.chars().allMatch(ch -> ch == '0')) {
                    throw new Malformed("leading zeros in decimal integer literals are not permitted");
                }
                if (digits.length() > 4300) {
                    throw new Malformed("integer literal exceeds the limit for integer string conversion");
                }
                value = new BigInteger(digits);
            }
        }
        // a name glued to a number: only numpy's dropped Python-2 'L' is allowed
        if (pos < s.length() && isIdentifierPart(s.charAt(pos))) {
            int nameStart = pos;
            while (pos < s.length() && isIdentifierPart(s.charAt(pos))) {
                pos++;
            }
            if (!(dropLongSuffix && !opaque[nameStart] && s.substring(nameStart, pos).equals("L"))) {
                throw new Malformed("invalid literal '" + s.substring(start, pos) + "'");
            }
            return value;
        }
        if (dropLongSuffix) {
            int save = pos;
            skipInlineSpace();
            if (pos < s.length() && s.charAt(pos) == 'L' && !opaque[pos]
                    && (pos + 1 >= s.length() || !isIdentifierPart(s.charAt(pos + 1)))) {
                pos++;
            } else {
                pos = save;
            }
        }
        return value;
    }

    /** Blanks and line continuations (not newlines): what the tokenizer skips between two tokens of a line. */
    private void skipInlineSpace() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
            } else {
                return;
            }
        }
    }

    /** Digits of a radix with single underscores between them; returns them without underscores. */
    private String digitRun(int radix, boolean leadingUnderscore) throws Malformed {
        StringBuilder b = new StringBuilder();
        boolean needDigit = leadingUnderscore;
        if (leadingUnderscore && pos < src.length() && src.charAt(pos) == '_') {
            pos++;
        }
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '_') {
                if (needDigit || b.length() == 0) {
                    throw new Malformed("invalid literal: misplaced underscore");
                }
                needDigit = true;
                pos++;
                continue;
            }
            if (c < 128 && Character.digit(c, radix) >= 0) {
                b.append(c);
                needDigit = false;
                pos++;
            } else {
                break;
            }
        }
        if (needDigit && b.length() > 0) {
            throw new Malformed("invalid literal: trailing underscore");
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ strings

    private static boolean isStringPrefix(String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return n.equals("r") || n.equals("u") || n.equals("b") || n.equals("br") || n.equals("rb") || n.equals("f")
                || n.equals("fr") || n.equals("rf");
    }

    /** One or more adjacent string literals, concatenated. */
    private Object strings() throws Malformed {
        StringBuilder text = new StringBuilder();
        Boolean bytes = null;
        while (true) {
            char c = peek();
            int start = pos;
            String prefix = "";
            if (isIdentifierStart(c)) {
                while (pos < src.length() && isIdentifierPart(src.charAt(pos))) {
                    pos++;
                }
                prefix = src.substring(start, pos).toLowerCase(java.util.Locale.ROOT);
                if (pos >= src.length() || (src.charAt(pos) != '\'' && src.charAt(pos) != '"')
                        || !isStringPrefix(prefix)) {
                    pos = start;
                    break;
                }
            } else if (c != '\'' && c != '"') {
                break;
            }
            if (prefix.contains("f")) {
                throw new Malformed("malformed node or string: f-string");
            }
            boolean isBytes = prefix.contains("b");
            if (bytes != null && bytes != isBytes) {
                throw new Malformed("cannot mix bytes and nonbytes literals");
            }
            bytes = isBytes;
            stringLiteral(text, prefix.contains("r"), isBytes);
        }
        if (bytes == null) {
            throw new Malformed("invalid syntax at offset " + pos);
        }
        if (bytes) {
            byte[] b = new byte[text.length()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) text.charAt(i);
            }
            return new Bytes(b);
        }
        return text.toString();
    }

    private void stringLiteral(StringBuilder out, boolean raw, boolean bytes) throws Malformed {
        char q = src.charAt(pos);
        boolean triple = src.startsWith(String.valueOf(q).repeat(3), pos);
        pos += triple ? 3 : 1;
        while (true) {
            if (pos >= src.length()) {
                throw new Malformed("unterminated string literal");
            }
            char c = src.charAt(pos);
            if (c == q && (!triple || src.startsWith(String.valueOf(q).repeat(3), pos))) {
                pos += triple ? 3 : 1;
                return;
            }
            if (c == '\n' && !triple) {
                throw new Malformed("unterminated string literal");
            }
            if (bytes && c >= 128) {
                throw new Malformed("bytes can only contain ASCII literal characters");
            }
            if (c != '\\') {
                out.append(c);
                pos++;
                continue;
            }
            if (pos + 1 >= src.length()) {
                throw new Malformed("unterminated string literal");
            }
            char e = src.charAt(pos + 1);
            if (raw) {
                out.append('\\');
                if (e == '\n' && !triple) {
                    out.append('\n');
                } else {
                    out.append(e);
                }
                pos += 2;
                continue;
            }
            pos += 2;
            switch (e) {
                case '\n': break;
                case '\\': out.append('\\'); break;
                case '\'': out.append('\''); break;
                case '"': out.append('"'); break;
                case 'a': out.append('\u0007'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'v': out.append('\u000b'); break;
                case 'x': out.appendCodePoint(hexEscape(2, bytes ? "bytes" : "str")); break;
                case 'u':
                    if (bytes) {
                        out.append("\\u");
                    } else {
                        out.appendCodePoint(hexEscape(4, "str"));
                    }
                    break;
                case 'U':
                    if (bytes) {
                        out.append("\\U");
                    } else {
                        int cp = hexEscape(8, "str");
                        if (cp > Character.MAX_CODE_POINT) {
                            throw new Malformed("illegal Unicode character");
                        }
                        out.appendCodePoint(cp);
                    }
                    break;
                case 'N':
                    if (bytes) {
                        out.append("\\N");
                    } else {
                        out.appendCodePoint(namedEscape());
                    }
                    break;
                default:
                    if (e >= '0' && e <= '7') {
                        int v = e - '0';
                        for (int i = 0; i < 2 && pos < src.length() && src.charAt(pos) >= '0'
                                && src.charAt(pos) <= '7'; i++) {
                            v = v * 8 + (src.charAt(pos++) - '0');
                        }
                        if (bytes) {
                            out.append((char) (v & 0xFF));
                        } else {
                            out.appendCodePoint(v);
                        }
                    } else {
                        out.append('\\').append(e); // unknown escapes are kept (a warning in Python)
                    }
            }
        }
    }

    private int hexEscape(int n, String what) throws Malformed {
        if (pos + n > src.length()) {
            throw new Malformed("(unicode error) truncated \\x escape in " + what);
        }
        int v = 0;
        for (int i = 0; i < n; i++) {
            char c = src.charAt(pos + i);
            int d = c < 128 ? Character.digit(c, 16) : -1;
            if (d < 0) {
                throw new Malformed("(unicode error) truncated escape in " + what);
            }
            v = v * 16 + d;
            if (v > 0x10FFFF * 16 + 15) {
                throw new Malformed("illegal Unicode character");
            }
        }
        pos += n;
        return v;
    }

    private int namedEscape() throws Malformed {
        if (pos >= src.length() || src.charAt(pos) != '{') {
            throw new Malformed("(unicode error) malformed \\N character escape");
        }
        int end = src.indexOf('}', pos);
        if (end < 0) {
            throw new Malformed("(unicode error) malformed \\N character escape");
        }
        String name = src.substring(pos + 1, end);
        pos = end + 1;
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException ex) {
            throw new Malformed("(unicode error) unknown Unicode character name");
        }
    }

    private static boolean isIdentifierStart(char c) {
        return c == '_' || Character.isLetter(c);
    }

    private static boolean isIdentifierPart(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
