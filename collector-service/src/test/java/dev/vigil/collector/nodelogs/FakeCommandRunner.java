package dev.vigil.collector.nodelogs;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Answers commands with recorded output and remembers what was run. */
final class FakeCommandRunner implements CommandRunner {
    record Answer(int exitCode, String stdout, String stderr) {
        static Answer ok(String stdout) {
            return new Answer(0, stdout, "");
        }
    }

    final List<List<String>> commands = new ArrayList<>();
    private final Function<List<String>, Answer> answers;

    FakeCommandRunner(Function<List<String>, Answer> answers) {
        this.answers = answers;
    }

    @Override
    public Result run(List<String> command, OutputReader reader) throws IOException {
        commands.add(List.copyOf(command));
        Answer a = answers.apply(command);
        try (InputStream in = new ByteArrayInputStream(a.stdout().getBytes(StandardCharsets.UTF_8))) {
            reader.read(in);
        }
        return new Result(a.exitCode(), a.stderr());
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = FakeCommandRunner.class.getResourceAsStream("/fixtures/nodelogs/" + name)) {
            if (in == null) {
                throw new IOException("missing fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
