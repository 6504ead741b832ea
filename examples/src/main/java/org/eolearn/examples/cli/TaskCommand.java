package org.eolearn.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.eolearn.core.EOPatch;
import org.eolearn.core.io.OverwritePermission;
import org.eolearn.core.io.SaveOptions;
import org.eolearn.core.task.TaskRegistry;
import org.eolearn.core.task.TaskRunner;
import org.eolearn.core.workflow.WorkflowJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code eolearn task NAME --params P.json INPUT... OUTPUT}: runs one registered task. */
@Command(name = "task", versionProvider = EOLearnCommand.Version.class,
        description = {"Run one task, by eo-learn's class name, on patches and save the result.",
            "",
            "The parameter file is JSON: {\"init\": {constructor parameters}, \"execute\": {execute-time arguments}}, "
                + "both with eo-learn's parameter names; features as [\"data\",\"NDVI\"] or [\"data\",\"NDVI\","
                + "\"NEW\"], a bare type (\"mask\") or \"...\". {\"steps\": [{\"init\": ...}, ...]} applies the task "
                + "once per step; {\"call\": {...}} gives merge_eopatches' arguments. The parity corpus's case.json "
                + "\"params\" work as they are.",
            "",
            "The last PATCH is the output; the others are the inputs (none for CreateEOPatchTask, two for "
                + "MoveFeatureTask, any number for MergeEOPatchesTask)."})
final class TaskCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "NAME", arity = "0..1",
            description = "The task's eo-learn class name, e.g. RenameFeatureTask.")
    String name;

    @Parameters(index = "1..*", paramLabel = "PATCH", description = "Input patch folders, then the output folder.")
    List<Path> patches = new ArrayList<>();

    @Option(names = "--params", paramLabel = "P.json", description = "The parameter file (default: no parameters).")
    Path params;

    @Option(names = "--overwrite", description = "Overwrite the output's existing features (OVERWRITE_FEATURES).")
    boolean overwrite;

    @Option(names = "--list", description = "List the registered tasks and exit (see also `eolearn tasks`).")
    boolean list;

    @Option(names = {"-h", "--help"}, description = "Show the task's parameters (with NAME), or this help.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Spec
    CommandSpec spec;

    /** Tasks that take no input patch. */
    private static final java.util.Set<String> NO_INPUT = java.util.Set.of("CreateEOPatchTask", "InputTask");

    @Override
    public Integer call() throws Exception {
        TaskRegistry registry = TaskRegistry.standard();
        if (list) {
            registry.names().forEach(System.out::println);
            return 0;
        }
        if (help) {
            if (name == null) {
                spec.commandLine().usage(System.out);
                return 0;
            }
            if (!registry.contains(name)) {
                throw new IllegalArgumentException("unknown task '" + name + "'" + registry.closestName(name)
                        .map(c -> " (did you mean '" + c + "'?)").orElse("") + "; `eolearn tasks` lists them all");
            }
            System.out.print(registry.schema(name).map(TaskHelp::help)
                    .orElse(name + ": registered without a schema; its parameters are not described.\n"));
            return 0;
        }
        if (name == null || patches.isEmpty()) {
            throw new IllegalArgumentException("give a task NAME and at least the OUTPUT patch folder (see --help)");
        }
        if (patches.size() == 1 && !NO_INPUT.contains(name)) {
            throw new IllegalArgumentException(name + " needs its input patch folder(s) before the output folder; "
                    + "only " + patches.get(0) + " is given, and it is taken as the output");
        }
        JsonNode p = params == null ? null : WorkflowJson.readJson(params, "parameter");
        List<Object> inputs = new ArrayList<>();
        for (Path in : patches.subList(0, patches.size() - 1)) {
            inputs.add(EOPatch.load(in));
        }
        Path output = patches.get(patches.size() - 1);
        Object result = new TaskRunner(registry).run(name, p, inputs);
        if (!(result instanceof EOPatch)) {
            System.out.println(result);
            return 0;
        }
        try {
            ((EOPatch) result).save(output, SaveOptions.defaults().withOverwrite(overwrite
                    ? OverwritePermission.OVERWRITE_FEATURES : OverwritePermission.ADD_ONLY));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new java.nio.file.FileAlreadyExistsException(e.getFile(), null, e.getReason()
                    + " (pass --overwrite)");
        }
        System.out.println(name + ": saved " + ((EOPatch) result).getFeatures().size() + " features to " + output);
        return 0;
    }
}
