package io.jdeepface.engine.ops.elementwise;

/** The float32 binary operators, with their scalar definition (the ground truth for every kernel). */
public enum BinaryOp {
    ADD("Add"), SUB("Sub"), MUL("Mul"), DIV("Div"), MAX("Max"), MIN("Min");

    private final String opType;

    BinaryOp(String opType) {
        this.opType = opType;
    }

    /** The ONNX op type, e.g. {@code "Add"}. */
    public String opType() {
        return opType;
    }

    /** The operator for an ONNX op type, or null when it is not one of these. */
    public static BinaryOp of(String opType) {
        for (BinaryOp op : values()) {
            if (op.opType.equals(opType)) {
                return op;
            }
        }
        return null;
    }

    /** IEEE float arithmetic; Max and Min follow {@link Math#max(float, float)} (NaN wins, -0 < +0). */
    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }
}
