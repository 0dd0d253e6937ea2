package dev.vigil.promql.eval;

import dev.vigil.promql.parser.Call;

/** The evaluation of one PromQL function over a grid of steps. */
@FunctionalInterface
interface FunctionImpl {
    EvalValue call(Call call, Steps steps, Evaluator ev);
}
