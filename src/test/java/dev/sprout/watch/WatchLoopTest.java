package dev.sprout.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class WatchLoopTest {

    /** Records what the loop asked for, in order. */
    private static final class Recorder implements WatchLoop.Actions {
        final List<String> calls = new ArrayList<>();

        @Override
        public void changed() {
            calls.add("changed");
        }

        @Override
        public boolean key(char key) {
            calls.add("key " + key);
            return key != 'q';
        }
    }

    @Test
    void aBurstOfChangesFromOneSaveRegradesOnce() throws Exception {
        WatchLoop loop = new WatchLoop(Duration.ofMillis(150));
        Recorder recorder = new Recorder();
        // an editor's rename-save: swap file written, original moved, swap renamed over it
        for (String name : List.of(".hello.py.swp", "hello.py~", "hello.py", "hello.py")) {
            loop.post(new WatchLoop.Changed(Path.of(name)));
        }
        loop.post(new WatchLoop.Quit("done"));
        assertThat(loop.run(recorder)).isEqualTo("done");
        assertThat(recorder.calls).containsExactly("changed");
    }

    @Test
    void aKeyPressedWhileFilesSettleWaitsForTheRegrade() throws Exception {
        WatchLoop loop = new WatchLoop(Duration.ofMillis(100));
        Recorder recorder = new Recorder();
        loop.post(new WatchLoop.Changed(Path.of("a.py")));
        loop.post(new WatchLoop.Key('h'));
        loop.post(new WatchLoop.Changed(Path.of("a.py")));
        loop.post(new WatchLoop.Key('q'));
        assertThat(loop.run(recorder)).isEqualTo("quit");
        assertThat(recorder.calls).containsExactly("changed", "key h", "changed", "key q");
    }

    @Test
    void changesSpreadOverTimeAreSeparateRegrades() throws Exception {
        WatchLoop loop = new WatchLoop(Duration.ofMillis(50));
        Recorder recorder = new Recorder();
        Thread editor = new Thread(() -> {
            try {
                loop.post(new WatchLoop.Changed(Path.of("a.py")));
                Thread.sleep(400);
                loop.post(new WatchLoop.Changed(Path.of("a.py")));
                Thread.sleep(400);
                loop.post(new WatchLoop.Key('q'));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        editor.start();
        loop.run(recorder);
        editor.join();
        assertThat(recorder.calls).containsExactly("changed", "changed", "key q");
    }

    @Test
    void editorScratchFilesAndSproutStateAreIgnored() {
        assertThat(WatchedFiles.ignored(Path.of("01-week1/01-hello/.hello.py.swp")))
                .isTrue();
        assertThat(WatchedFiles.ignored(Path.of("01-week1/01-hello/hello.py~"))).isTrue();
        assertThat(WatchedFiles.ignored(Path.of("01-week1/01-hello/4913"))).isTrue();
        assertThat(WatchedFiles.ignored(Path.of("01-week1/01-hello/__pycache__/hello.cpython-311.pyc")))
                .isTrue();
        assertThat(WatchedFiles.ignored(Path.of(".sprout/progress.json"))).isTrue();
        assertThat(WatchedFiles.ignored(Path.of("01-week1/01-hello/hello.py"))).isFalse();
        assertThat(WatchedFiles.ignored(Path.of("02-month1/05-quiz/questions.json")))
                .isFalse();
    }
}
