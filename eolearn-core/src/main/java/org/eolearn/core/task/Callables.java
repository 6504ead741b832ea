package org.eolearn.core.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.eolearn.core.DType;
import org.eolearn.core.NdArrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Element-wise array functions written as Python lambdas in JSON parameters, e.g. {@code "lambda x: x * 2"} or
 * {@code "lambda *arrays: sum(arrays)"}, so that {@code MapFeatureTask} and {@code ZipFeatureTask} can be
 * configured from files. Only arithmetic is supported: numbers, the lambda's parameters, {@code + - * /},
 * parentheses, unary minus and {@code sum(<star parameter>)}; anything else is rejected with a message. Java
 * programs pass Java functions instead.
 *
 * <p>Result dtypes follow numpy 1.24: arrays promote as numpy promotes them (float32 with uint8 stays float32,
 * float32 with int32 becomes float64), a Python int literal keeps an array's dtype, a float literal makes an
 * integer array float64, and {@code /} always gives a float. Arithmetic on float32 results is rounded to float32
 * after each operation, as numpy computes it.
 *
 * @since 0.1
 */
public final class Callables {

    /**
     * How deeply a callable's body may nest (parentheses, unary minus, calls): deeper bodies are rejected when
     * parsed instead of overflowing the stack.
     */
    public static final int MAX_NESTING = 100;

    /** Longest callable source accepted, in characters. */
    public static final int MAX_LENGTH = 100_000;

    private Callables() {
    }

    /**
     * Parses a one-parameter lambda into a map function.
     *
     * @param source for example {@code "lambda x: x * 2"}
     * @return the function
     * @throws IllegalArgumentException if the lambda is not supported
     */
    public static UnaryOperator<INDArray> unary(String source) {
        Lambda l = Lambda.parse(source);
        if (l.star || l.params.size() != 1) {
            throw new IllegalArgumentException("map_function must be a lambda of one parameter, got "
                    + shorten(source));
        }
        return a -> l.apply(List.of(a));
    }

    /**
     * Parses a lambda of several (or star) parameters into a zip function.
     *
     * @param source for example {@code "lambda *arrays: sum(arrays)"} or {@code "lambda a, b: a - b"}
     * @return the function
     * @throws IllegalArgumentException if the lambda is not supported
     */
    public static Function<List<INDArray>, INDArray> varargs(String source) {
        Lambda l = Lambda.parse(source);
        return l::apply;
    }

    /**
     * Parses a one-parameter lambda into a predicate on arrays, e.g. {@code "lambda frame: np.mean(frame) < 0.1"}
     * for {@code SimpleFilterTask}. Besides the arithmetic, the body may use the comparisons
     * {@code < <= > >= == !=} and the reductions {@code np.mean, np.nanmean, np.sum, np.nansum, np.max, np.nanmax,
     * np.min, np.nanmin, np.count_nonzero, np.all, np.any} (computed in double precision). The result must be a
     * single truth value, as Python's {@code bool(...)} requires.
     *
     * @param source the lambda
     * @return the predicate
     * @throws IllegalArgumentException if the lambda is not supported
     */
    public static java.util.function.Predicate<INDArray> predicate(String source) {
        Lambda l = Lambda.parse(source);
        if (l.star || l.params.size() != 1) {
            throw new IllegalArgumentException("filter_func must be a lambda of one parameter, got "
                    + shorten(source));
        }
        return a -> l.truth(List.of(a));
    }

    /** The text for a message: at most 120 characters. */
    static String shorten(String text) {
        return text.length() <= 120 ? text : text.substring(0, 100) + "... (" + text.length() + " characters)";
    }

    /** A value during evaluation: an array (as doubles) with its dtype, or a Python number literal. */
    private record Value(double[] data, long[] shape, DType dtype, boolean literal, boolean integral, long[] ints) {
        Value(double[] data, long[] shape, DType dtype, boolean literal, boolean integral) {
            this(data, shape, dtype, literal, integral, null);
        }

        /** Whether the exact integer values are known (integer and bool arrays, int literals). */
        boolean exact() {
            return ints != null;
        }
    }

    private static final class Lambda {
        final List<String> params;
        final boolean star;
        final String body;

        private Lambda(List<String> params, boolean star, String body) {
            this.params = params;
            this.star = star;
            this.body = body;
        }

        static Lambda parse(String source) {
            if (source == null) {
                throw new IllegalArgumentException("a callable is required, got null");
            }
            if (source.length() > MAX_LENGTH) {
                throw new IllegalArgumentException("callable of " + source.length() + " characters is longer than "
                        + "the limit of " + MAX_LENGTH);
            }
            String s = source.trim();
            if (!s.startsWith("lambda")) {
                throw new IllegalArgumentException("only Python lambdas are supported as callables, got "
                        + shorten(source));
            }
            int colon = s.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("lambda without ':' in " + shorten(source));
            }
            String head = s.substring("lambda".length(), colon).trim();
            boolean star = head.startsWith("*");
            List<String> params = new ArrayList<>();
            for (String p : head.replace("*", "").split(",")) {
                if (!p.isBlank()) {
                    params.add(p.trim());
                }
            }
            Lambda l = new Lambda(params, star, s.substring(colon + 1).trim());
            new Parser(l, null).parseAll(); // syntax check now, so bad callables fail at construction
            return l;
        }

        INDArray apply(List<INDArray> arrays) {
            if (!star && arrays.size() != params.size()) {
                throw new IllegalArgumentException("lambda takes " + params.size() + " arrays, got " + arrays.size());
            }
            Value v = new Parser(this, arrays).parseAll();
            if (v.literal) {
                throw new IllegalArgumentException("lambda " + body + " returns a number, not an array");
            }
            return v.exact() && !v.dtype.isFloatingPoint() ? NdArrays.fromLongs(v.dtype, v.shape, v.ints)
                    : NdArrays.fromDoubles(v.dtype, v.shape, v.data);
        }

        boolean truth(List<INDArray> arrays) {
            Value v = new Parser(this, arrays).parseAll();
            if (v.data.length != 1) {
                throw new IllegalArgumentException("lambda " + body + " gives an array of " + v.data.length
                        + " values; the truth value of an array with more than one element is ambiguous");
            }
            return v.data[0] != 0; // NaN is true, as in Python
        }
    }

    /** Recursive-descent parser and evaluator; with {@code arrays == null} it only checks the syntax. */
    private static final class Parser {
        private final Lambda lambda;
        private final List<INDArray> arrays;
        private final String text;
        private int pos;
        private int depth;

        Parser(Lambda lambda, List<INDArray> arrays) {
            this.lambda = lambda;
            this.arrays = arrays;
            this.text = lambda.body;
        }

        Value parseAll() {
            Value v = comparison();
            skip();
            if (pos != text.length()) {
                throw fail("unexpected '" + text.substring(pos) + "'");
            }
            return v;
        }

        private IllegalArgumentException fail(String what) {
            return new IllegalArgumentException("unsupported callable 'lambda ...: " + shorten(text) + "': " + what
                    + " (supported: numbers, parameters, + - * /, parentheses, sum(*args), comparisons, np.mean and "
                    + "the other reductions)");
        }

        private void skip() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private Value comparison() {
            Value v = expression();
            skip();
            for (String op : new String[] {"<=", ">=", "==", "!=", "<", ">"}) {
                if (text.startsWith(op, pos)) {
                    pos += op.length();
                    Value w = expression();
                    return compare(v, w, op);
                }
            }
            return v;
        }

        private Value compare(Value a, Value b, String op) {
            if (arrays == null) {
                return dummy();
            }
            if (!a.literal && !b.literal && !Arrays.equals(a.shape, b.shape)) {
                throw new IllegalArgumentException("cannot compare arrays of shapes " + Arrays.toString(a.shape)
                        + " and " + Arrays.toString(b.shape));
            }
            int n = a.literal ? b.data.length : a.data.length;
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                double x = a.literal ? a.data[0] : a.data[i];
                double y = b.literal ? b.data[0] : b.data[i];
                boolean r;
                switch (op) {
                    case "<": r = x < y; break;
                    case "<=": r = x <= y; break;
                    case ">": r = x > y; break;
                    case ">=": r = x >= y; break;
                    case "==": r = x == y; break;
                    default: r = x != y;
                }
                out[i] = r ? 1 : 0;
            }
            if (a.literal && b.literal) {
                return new Value(out, new long[0], null, true, true);
            }
            long[] bits = new long[n];
            for (int i = 0; i < n; i++) {
                bits[i] = (long) out[i];
            }
            return new Value(out, a.literal ? b.shape : a.shape, DType.BOOL, false, false, bits);
        }

        private Value reduce(String function) {
            pos++; // (
            Value v = comparison(); // nested through factor(), which counts the depth
            skip();
            if (pos >= text.length() || text.charAt(pos) != ')') {
                throw fail("missing ')' after " + function + "(...");
            }
            pos++;
            if (arrays == null) {
                return new Value(new double[] {1}, new long[0], null, true, false);
            }
            boolean skipNan = function.startsWith("np.nan");
            double sum = 0;
            double max = Double.NEGATIVE_INFINITY;
            double min = Double.POSITIVE_INFINITY;
            long count = 0;
            long nonzero = 0;
            boolean nan = false;
            for (double x : v.data) {
                if (Double.isNaN(x)) {
                    nan = true;
                    nonzero++;
                    if (skipNan) {
                        continue;
                    }
                } else if (x != 0) {
                    nonzero++;
                }
                count++;
                sum += x;
                max = Math.max(max, x);
                min = Math.min(min, x);
            }
            double r;
            switch (function) {
                case "np.mean": case "np.nanmean": r = sum / count; break;
                case "np.sum": case "np.nansum": r = sum; break;
                case "np.max": case "np.nanmax": r = count == 0 ? Double.NaN : nan && !skipNan ? Double.NaN : max; break;
                case "np.min": case "np.nanmin": r = count == 0 ? Double.NaN : nan && !skipNan ? Double.NaN : min; break;
                case "np.count_nonzero": r = nonzero; break;
                case "np.all": r = nonzero == v.data.length ? 1 : 0; break;
                default: r = nonzero > 0 ? 1 : 0; // np.any
            }
            boolean integral = function.equals("np.count_nonzero") || function.equals("np.all")
                    || function.equals("np.any");
            return new Value(new double[] {r}, new long[0], null, true, integral);
        }

        private static final java.util.Set<String> REDUCTIONS = java.util.Set.of("np.mean", "np.nanmean", "np.sum",
                "np.nansum", "np.max", "np.nanmax", "np.min", "np.nanmin", "np.count_nonzero", "np.all", "np.any");

        private Value expression() {
            Value v = term();
            while (true) {
                skip();
                if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                    char op = text.charAt(pos++);
                    v = combine(v, term(), op);
                } else {
                    return v;
                }
            }
        }

        private Value term() {
            Value v = factor();
            while (true) {
                skip();
                if (pos < text.length() && (text.charAt(pos) == '*' || text.charAt(pos) == '/')) {
                    char op = text.charAt(pos++);
                    v = combine(v, factor(), op);
                } else {
                    return v;
                }
            }
        }

        private Value factor() {
            if (++depth > MAX_NESTING) {
                throw new IllegalArgumentException("callable 'lambda ...: " + shorten(text) + "' nests deeper than "
                        + "the limit of " + MAX_NESTING + " levels (parentheses, unary minus or calls) at character "
                        + pos);
            }
            try {
                return factorAtDepth();
            } finally {
                depth--;
            }
        }

        private Value factorAtDepth() {
            skip();
            if (pos >= text.length()) {
                throw fail("missing operand");
            }
            char c = text.charAt(pos);
            if (c == '(') {
                pos++;
                Value v = expression();
                skip();
                if (pos >= text.length() || text.charAt(pos) != ')') {
                    throw fail("missing ')'");
                }
                pos++;
                return v;
            }
            if (c == '-') {
                pos++;
                return combine(new Value(null, null, null, true, true), factor(), 'n');
            }
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || ".eE".indexOf(text.charAt(pos))
                        >= 0 || ((text.charAt(pos) == '-' || text.charAt(pos) == '+') && "eE".indexOf(
                        text.charAt(pos - 1)) >= 0))) {
                    pos++;
                }
                String num = text.substring(start, pos);
                boolean integral = !num.contains(".") && !num.contains("e") && !num.contains("E");
                double value;
                try {
                    value = Double.parseDouble(num);
                } catch (NumberFormatException e) {
                    throw fail("bad number '" + num + "'");
                }
                long[] exact = null;
                if (integral) {
                    try {
                        exact = new long[] {Long.parseLong(num)};
                    } catch (NumberFormatException e) {
                        throw fail("integer literal '" + num + "' does not fit in 64 bits");
                    }
                }
                return new Value(new double[] {value}, new long[0], null, true, integral, exact);
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_'
                        || text.charAt(pos) == '.')) {
                    pos++;
                }
                String name = text.substring(start, pos);
                skip();
                if (pos < text.length() && text.charAt(pos) == '(') {
                    return REDUCTIONS.contains(name) ? reduce(name) : call(name);
                }
                int idx = lambda.params.indexOf(name);
                if (idx < 0 || lambda.star) {
                    throw fail("unknown name '" + name + "'");
                }
                return arrays == null ? dummy() : of(arrays.get(idx));
            }
            throw fail("unexpected '" + c + "'");
        }

        private Value call(String function) {
            pos++; // (
            skip();
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != ')') {
                pos++;
            }
            if (pos >= text.length()) {
                throw fail("missing ')'");
            }
            String arg = text.substring(start, pos).trim();
            pos++;
            if (!function.equals("sum") || !lambda.star
                    || !lambda.params.contains(arg)) {
                throw fail("only sum(" + (lambda.params.isEmpty() ? "args" : lambda.params.get(0)) + ") over the star "
                        + "parameter is supported, got " + function + "(" + arg + ")");
            }
            if (arrays == null) {
                return dummy();
            }
            // Python's sum starts from the int 0
            Value v = new Value(new double[] {0}, new long[0], null, true, true, new long[] {0});
            for (INDArray a : arrays) {
                v = combine(v, of(a), '+');
            }
            return v;
        }

        private static Value dummy() {
            return new Value(new double[] {1}, new long[0], DType.FLOAT64, false, false);
        }

        private static Value of(INDArray a) {
            DType t = DType.of(a);
            return new Value(NdArrays.toDoubles(a), a.shape(), t, false, false,
                    t.isFloatingPoint() ? null : NdArrays.toLongs(a));
        }

        private Value combine(Value a, Value b, char op) {
            if (arrays == null) {
                return dummy();
            }
            if (op == 'n') {
                return negate(b);
            }
            if (a.literal && b.literal) {
                double x = apply(a.data[0], b.data[0], op);
                boolean integral = a.integral && b.integral && op != '/';
                return new Value(new double[] {x}, new long[0], null, true, integral,
                        integral && a.exact() && b.exact() ? new long[] {applyExact(a.ints[0], b.ints[0], op)} : null);
            }
            DType type = resultType(a, b, op);
            long[] shape = a.literal ? b.shape : a.shape;
            if (!a.literal && !b.literal && !Arrays.equals(a.shape, b.shape)) {
                throw new IllegalArgumentException("cannot combine arrays of shapes " + Arrays.toString(a.shape)
                        + " and " + Arrays.toString(b.shape));
            }
            int n = a.literal ? b.data.length : a.data.length;
            if (type == DType.BOOL) {
                // numpy: + is logical or, * logical and, - is refused
                if (op == '-') {
                    throw new IllegalArgumentException("numpy boolean subtract, the `-` operator, is not supported, "
                            + "use the bitwise_xor, the `^` operator, or the logical_xor function instead");
                }
                long[] bits = new long[n];
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    long x = a.literal ? a.ints[0] : a.ints[i];
                    long y = b.literal ? b.ints[0] : b.ints[i];
                    bits[i] = op == '+' ? (x | y) : (x & y);
                    out[i] = bits[i];
                }
                return new Value(out, shape, type, false, false, bits);
            }
            if (!type.isFloatingPoint() && a.exact() && b.exact()) {
                // integer arithmetic in 64 bits, wrapped to the result's width as numpy's is
                long[] bits = new long[n];
                double[] out = new double[n];
                for (int i = 0; i < n; i++) {
                    long x = a.literal ? a.ints[0] : a.ints[i];
                    long y = b.literal ? b.ints[0] : b.ints[i];
                    bits[i] = wrap(applyExact(x, y, op), type);
                    out[i] = asDouble(bits[i], type);
                }
                return new Value(out, shape, type, false, false, bits);
            }
            double[] out = new double[n];
            boolean single = type == DType.FLOAT32;
            boolean half = type == DType.FLOAT16;
            for (int i = 0; i < n; i++) {
                double x = a.literal ? a.data[0] : a.data[i];
                double y = b.literal ? b.data[0] : b.data[i];
                // numpy casts both operands to the result type first (a Python float literal too)
                if (single) {
                    x = (float) x;
                    y = (float) y;
                } else if (half) {
                    x = NdArrays.roundToFloat16(x);
                    y = NdArrays.roundToFloat16(y);
                }
                double r = apply(x, y, op);
                // numpy rounds each float32 result to float32, each float16 result (computed in float32) to float16
                out[i] = single ? (float) r : half ? NdArrays.roundToFloat16((float) r) : r;
            }
            return new Value(out, shape, type, false, false);
        }

        private static Value negate(Value b) {
            if (!b.literal && b.dtype == DType.BOOL) {
                throw new IllegalArgumentException("the numpy boolean negative, the `-` operator, is not supported, "
                        + "use the `~` operator or the logical_not function instead");
            }
            double[] d = b.data.clone();
            for (int i = 0; i < d.length; i++) {
                d[i] = -d[i];
            }
            long[] bits = null;
            if (b.exact()) {
                bits = new long[b.ints.length];
                for (int i = 0; i < bits.length; i++) {
                    bits[i] = b.literal ? -b.ints[i] : wrap(-b.ints[i], b.dtype);
                    if (!b.literal) {
                        d[i] = asDouble(bits[i], b.dtype);
                    }
                }
            }
            return new Value(d, b.shape, b.dtype, b.literal, b.integral, bits);
        }

        private static long applyExact(long x, long y, char op) {
            switch (op) {
                case '+': return x + y;
                case '-': return x - y;
                case '*': return x * y;
                default: throw new AssertionError(op);
            }
        }

        /** A 64-bit result wrapped to an integer dtype's width (unsigned values kept non-negative). */
        private static long wrap(long v, DType t) {
            switch (t) {
                case INT8: return (byte) v;
                case UINT8: return v & 0xFFL;
                case INT16: return (short) v;
                case UINT16: return v & 0xFFFFL;
                case INT32: return (int) v;
                case UINT32: return v & 0xFFFFFFFFL;
                default: return v;
            }
        }

        private static double asDouble(long v, DType t) {
            return t == DType.UINT64 ? NdArrays.unsignedToDouble(v) : v;
        }

        private static double apply(double x, double y, char op) {
            switch (op) {
                case '+': return x + y;
                case '-': return x - y;
                case '*': return x * y;
                case '/': return x / y;
                default: throw new AssertionError(op);
            }
        }

        private static DType resultType(Value a, Value b, char op) {
            DType t;
            if (a.literal || b.literal) {
                Value arr = a.literal ? b : a;
                Value lit = a.literal ? a : b;
                t = DType.promoteWithScalar(arr.dtype, lit.exact() ? lit.ints[0] : lit.data[0], lit.integral);
            } else {
                t = DType.promote(a.dtype, b.dtype);
            }
            if (op == '/' && !t.isFloatingPoint()) {
                t = DType.FLOAT64;
            }
            return t;
        }
    }
}
