using System.Collections.Immutable;

namespace VmssGrains.Domain.Model;

/// <summary>Orders extensions so that each runs after its <c>provisionAfterExtensions</c> (Azure's extension sequencing).</summary>
public static class ExtensionSequencer
{
    /// <summary>
    /// A stable topological order: among extensions that are ready, the one listed first goes first.
    /// Returns an error for an unknown name or a cycle.
    /// </summary>
    public static ImmutableArray<ExtensionSpec> Order(IReadOnlyList<ExtensionSpec> extensions, string path, out ValidationError? error)
    {
        error = null;
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < extensions.Count; i++)
        {
            if (!index.TryAdd(extensions[i].Name, i))
            {
                error = ValidationError.InvalidParameter($"{path}[{i}].name", $"extension name '{extensions[i].Name}' appears more than once");
                return [];
            }
        }

        for (var i = 0; i < extensions.Count; i++)
        {
            foreach (var after in extensions[i].ProvisionAfterExtensions)
            {
                if (!index.ContainsKey(after))
                {
                    error = ValidationError.InvalidParameter(
                        $"{path}[{i}].properties.provisionAfterExtensions",
                        $"extension '{extensions[i].Name}' is provisioned after '{after}', which is not an extension of this profile");
                    return [];
                }
            }
        }

        var done = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ordered = ImmutableArray.CreateBuilder<ExtensionSpec>(extensions.Count);
        while (ordered.Count < extensions.Count)
        {
            var next = extensions.FirstOrDefault(e => !done.Contains(e.Name) && e.ProvisionAfterExtensions.All(done.Contains));
            if (next is null)
            {
                var cycle = string.Join(", ", extensions.Where(e => !done.Contains(e.Name)).Select(e => e.Name));
                error = ValidationError.InvalidParameter(
                    $"{path}",
                    $"provisionAfterExtensions forms a cycle between extensions {cycle}");
                return [];
            }

            done.Add(next.Name);
            ordered.Add(next);
        }

        return ordered.MoveToImmutable();
    }
}
