package dev.sprout.watch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
    void aHalfWrittenSaveWaitsForItsEndThenRegradesOnce() throws Exception {
        WatchLoop loop = new WatchLoop(Duration.ofMillis(20), Duration.ofSeconds(5));
        AtomicBoolean written = new AtomicBoolean();
        List<String> calls = new ArrayList<>();
        WatchLoop.Actions actions = new WatchLoop.Actions() {
            @Override
            public void changed() {
                calls.add(written.get() ? "changed, complete" : "changed, half-written");
            }

            @Override
            public boolean key(char key) {
                return key != 'q';
            }

            @Override
            public boolean saveComplete() {
                return written.get();
            }
        };
        // a truncate, then (long after the quiet time) the write that ends the save
        Thread editor = new Thread(() -> {
            try {
                loop.post(new WatchLoop.Changed(Path.of("a.py")));
                Thread.sleep(300);
                written.set(true);
                loop.post(new WatchLoop.Changed(Path.of("a.py")));
                Thread.sleep(300);
                loop.post(new WatchLoop.Key('q'));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        editor.start();
        loop.run(actions);
        editor.join();
        assertThat(calls).containsExactly("changed, complete");
    }

    @Test
    void aFileLeftEmptyIsCheckedOnceThePatienceRunsOut() throws Exception {
        WatchLoop loop = new WatchLoop(Duration.ofMillis(20), Duration.ofMillis(200));
        List<String> calls = new ArrayList<>();
        WatchLoop.Actions actions = new WatchLoop.Actions() {
            @Override
            public void changed() {
                calls.add("changed");
            }

            @Override
            public boolean key(char key) {
                return false;
            }

            @Override
            public boolean saveComplete() {
                return false; // the learner emptied the file on purpose
            }
        };
        loop.post(new WatchLoop.Changed(Path.of("a.py")));
        Thread quit = new Thread(() -> {
            try {
                Thread.sleep(1_000);
                loop.post(new WatchLoop.Quit("done"));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        quit.start();
        loop.run(actions);
        quit.join();
        assertThat(calls).containsExactly("changed");
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
