package dev.sprout.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sprout completion bash|zsh|fish}: a script that teaches the shell sprout's commands and
 * options. Bash and zsh get picocli's generator (its script runs in zsh through bashcompinit);
 * picocli has no fish generator, so fish's is written here from the same command model.
 */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        description = "Print a script that lets your shell complete sprout's commands and options when you press Tab.",
        footer = {
            "%nTo use it:",
            "  bash:  add this line to ~/.bashrc:  source <(sprout completion bash)",
            "  zsh:   add this line to ~/.zshrc:   source <(sprout completion zsh)",
            "  fish:  sprout completion fish > ~/.config/fish/completions/sprout.fish",
            ExitCode.HELP_NO_CHECKS
        })
final class ShellCompletionCommand implements Callable<Integer> {

    enum Shell {
        bash,
        zsh,
        fish
    }

    private final Console console;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SHELL", description = "Your shell: ${COMPLETION-CANDIDATES}.")
    Shell shell;

    ShellCompletionCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        String script = switch (shell) {
            case bash -> AutoComplete.bash("sprout", root);
            // picocli's script loads bashcompinit itself when it finds it is running in zsh
            case zsh -> AutoComplete.bash("sprout", root);
            case fish -> fish(root);
        };
        console.out().print(script);
        console.out().flush();
        return ExitCode.OK;
    }

    /** complete -c sprout lines: the commands first, then each command's options. */
    static String fish(CommandLine root) {
        List<String> lines = new ArrayList<>();
        lines.add("# fish completion for sprout: save as ~/.config/fish/completions/sprout.fish");
        lines.add("complete -c sprout -f");
        List<String> names = new ArrayList<>(root.getSubcommands().keySet());
        String noCommandYet = "not __fish_seen_subcommand_from " + String.join(" ", names);
        for (var entry : root.getSubcommands().entrySet()) {
            lines.add("complete -c sprout -n '" + noCommandYet + "' -a " + entry.getKey() + " -d "
                    + quoted(firstSentence(entry.getValue().getCommandSpec())));
        }
        options(lines, root.getCommandSpec(), "__fish_use_subcommand");
        for (var entry : root.getSubcommands().entrySet()) {
            options(lines, entry.getValue().getCommandSpec(), "__fish_seen_subcommand_from " + entry.getKey());
        }
        return String.join("\n", lines) + "\n";
    }

    private static void options(List<String> lines, CommandSpec command, String condition) {
        for (OptionSpec option : command.options()) {
            if (option.hidden()) {
                continue;
            }
            StringBuilder line = new StringBuilder("complete -c sprout -n '" + condition + "'");
            for (String name : option.names()) {
                line.append(name.startsWith("--") ? " -l " + name.substring(2) : " -s " + name.substring(1));
            }
            if (option.arity().max() > 0) {
                line.append(" -r");
                // a file or folder argument completes as a path
                String label = option.paramLabel().toUpperCase(Locale.ROOT);
                if (label.contains("DIR") || label.contains("FILE") || label.contains("PATH")) {
                    line.append(" -F");
                }
                if (option.completionCandidates() != null) {
                    List<String> candidates = new ArrayList<>();
                    option.completionCandidates().forEach(candidates::add);
                    line.append(" -a ").append(quoted(String.join(" ", candidates)));
                }
            }
            String description = option.description().length == 0 ? "" : option.description()[0];
            line.append(" -d ").append(quoted(firstSentence(description)));
            lines.add(line.toString());
        }
    }

    private static String firstSentence(CommandSpec command) {
        String[] description = command.usageMessage().description();
        return description.length == 0 ? "" : firstSentence(description[0]);
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        String sentence = end < 0 ? text : text.substring(0, end);
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }

    private static String quoted(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
