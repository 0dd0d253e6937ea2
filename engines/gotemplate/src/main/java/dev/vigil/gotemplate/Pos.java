package dev.vigil.gotemplate;

/** A line and column (both from 1) in a template's text, for error messages. */
record Pos(int line, int col) {
    @Override
    public String toString() {
        return line + ":" + col;
    }
}
