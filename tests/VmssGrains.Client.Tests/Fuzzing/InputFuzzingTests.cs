using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Client.Cli;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;
using VmssGrains.Simulation.Scenarios;
using Xunit.Abstractions;

namespace VmssGrains.Client.Tests.Fuzzing;

/// <summary>
/// The fuzzing pass over everything that reads user input: scenario files, Azure resource documents (REST bodies and
/// examples, az output, ARM templates with parameters) and the <c>--set</c>/<c>--add</c>/<c>--remove</c> and merge-patch
/// paths. The corpus is every example and Azure fixture; each input is one to three seeded mutations of a corpus
/// document (see <see cref="JsonMutator"/>). Counted, and required to be zero: exceptions the readers do not promise,
/// hangs, .NET type names in messages, rejections over several lines or naming neither the JSON path nor the option.
/// <c>VMSS_FUZZ_ITERATIONS</c> sets the inputs per target (default 2,000); a failure prints the seeds to replay.
/// </summary>
public sealed class InputFuzzingTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    private static int Iterations =>
        int.TryParse(Environment.GetEnvironmentVariable("VMSS_FUZZ_ITERATIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 2000;

    private static IEnumerable<string> JsonFiles(params string[] directories) =>
        directories.SelectMany(d => Directory.EnumerateFiles(Path.Combine(Repo.Root, d), "*.json", SearchOption.AllDirectories)).Order(StringComparer.Ordinal);

    private static List<(string Name, JsonNode Document)> Corpus(params string[] directories) =>
        [.. JsonFiles(directories).Select(f => (Path.GetFileName(f), JsonNode.Parse(File.ReadAllText(f))!))];

    [Fact]
    public void Scenarios_MutatedExamples_AreReadOrRejectedOnOneLineNamingTheJsonPath()
    {
        // The examples the suite plays: a mutated million-instance fleet would spend the time limit expanding itself.
        var corpus = Repo.PlayedExamples().Select(e => ($"{e}.json", JsonNode.Parse(File.ReadAllText(Repo.Example(e)))!)).ToList();
        corpus.Add(("template", ScenarioFiles.Template("Rolling").Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0"))));
        var tally = new FuzzTally("scenario files");
        for (var seed = 0; seed < Iterations; seed++)
        {
            var (_, document) = corpus[seed % corpus.Count];
            var bytes = new JsonMutator(seed).Mutate(document);
            tally.Run(
                seed,
                () => ScenarioReader.Read(InputFile.Decode(bytes, "scenario.json")),
                e => e is ScenarioException or CliException,
                message => message.StartsWith('$') || message.StartsWith("scenario.json: ", StringComparison.Ordinal),
                Limit);
        }

        Report(tally);
    }

    [Fact]
    public void ResourceDocuments_MutatedAzureFixtures_AreReadOrRejectedOnOneLineNamingThePath()
    {
        var corpus = Corpus(Path.Combine("tests", "fixtures", "azure"));
        var tally = new FuzzTally("Azure documents");
        for (var seed = 0; seed < Iterations; seed++)
        {
            var (name, document) = corpus[seed % corpus.Count];
            var mutator = new JsonMutator(seed);
            var bytes = mutator.Mutate(document);
            var parameters = TemplateParameters(document, seed);
            tally.Run(
                seed,
                () =>
                {
                    var parsed = ResourceFiles.ParseObject(InputFile.Decode(bytes, name), name);
                    var resource = ResourceFiles.ScaleSetResource(parsed, name, parameters);
                    if (ScaleSetModelReader.Read("fuzz", resource, out var errors) is null)
                    {
                        throw new ModelRejected(errors);
                    }
                },
                e => e is CliException or ModelRejected,
                message => message.StartsWith(name, StringComparison.Ordinal) || message.StartsWith("--parameters", StringComparison.Ordinal) || message.StartsWith("model:", StringComparison.Ordinal),
                Limit);
        }

        Report(tally);
    }

    [Fact]
    public void GenericUpdatesAndMergePatches_RandomPathsAndValues_ApplyOrAreRejectedOnOneLineNamingTheFlag()
    {
        var resources = Corpus("examples")
            .SelectMany(e => e.Document["scaleSets"]?.AsArray() ?? [])
            .Select(s => ResourceDocument.Normalise(ScaleSetModelReader.ParseObject(s!.ToJsonString()), "fuzz"))
            .ToList();
        var tally = new FuzzTally("--set/--add/--remove and merge patches");
        for (var seed = 0; seed < Iterations; seed++)
        {
            var resource = resources[seed % resources.Count];
            var random = new Random(seed);
            if (seed % 4 == 3)
            {
                // A merge patch, as update --patch sends it and the scale set merges it.
                var patch = new JsonMutator(seed).Mutate(new JsonObject { ["properties"] = resource["properties"]!.DeepClone() });
                tally.Run(
                    seed,
                    () =>
                    {
                        var parsed = ResourceFiles.ParseObject(InputFile.Decode(patch, "--patch"), "--patch");
                        var merged = (JsonMergePatch.Apply(resource.DeepClone(), parsed) as JsonObject) ?? throw new CliException("--patch: the result is not an object");
                        if (ScaleSetModelReader.Read("fuzz", merged, out var errors) is null)
                        {
                            throw new ModelRejected(errors);
                        }
                    },
                    e => e is CliException or ModelRejected,
                    message => message.StartsWith("--patch", StringComparison.Ordinal) || message.StartsWith("model:", StringComparison.Ordinal),
                    Limit);
                continue;
            }

            var operations = Enumerable.Range(0, 1 + random.Next(3)).Select(_ => UpdatePaths.Operation(resource, random)).ToList();
            tally.Run(
                seed,
                () =>
                {
                    var edited = GenericUpdate.Apply(resource.DeepClone().AsObject(), operations, "fuzz");
                    var difference = JsonMergePatch.Difference(resource, edited);
                    if (!JsonNode.DeepEquals(JsonMergePatch.Apply(resource.DeepClone(), difference), edited))
                    {
                        throw new InvalidOperationException($"the merge patch of {string.Join(' ', operations)} does not reproduce the edit");
                    }
                },
                e => e is GenericUpdateException,
                message => message.StartsWith("--set", StringComparison.Ordinal) || message.StartsWith("--add", StringComparison.Ordinal) || message.StartsWith("--remove", StringComparison.Ordinal),
                Limit);
        }

        Report(tally);
    }

    /// <summary>Random values for an ARM template's parameters (none for other documents).</summary>
    private static Dictionary<string, JsonNode?>? TemplateParameters(JsonNode document, int seed)
    {
        if (document["parameters"] is not JsonObject declared || document["resources"] is null)
        {
            return null;
        }

        var random = new Random(seed);
        var values = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, _) in declared)
        {
            if (random.Next(3) == 0)
            {
                values[name] = random.Next(4) switch
                {
                    0 => JsonValue.Create(random.Next(-3, 2000)),
                    1 => JsonValue.Create("Rolling"),
                    2 => JsonValue.Create(random.Next(2) == 0),
                    _ => new JsonArray(),
                };
            }
        }

        return values;
    }

    private void Report(FuzzTally tally)
    {
        output.WriteLine(tally.Summary);
        Assert.True(tally.Clean, $"{tally.Summary}\n{tally.Samples}");
    }

    /// <summary>The model reader's validation errors, as the console prints the first one.</summary>
    private sealed class ModelRejected(IReadOnlyList<ValidationError> errors)
        : Exception($"model: {errors[0].Target}: {errors[0].Message}");
}
