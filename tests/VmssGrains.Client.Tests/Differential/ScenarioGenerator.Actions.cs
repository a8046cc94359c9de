using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>The generator's actions, in time order, each valid where the timeline puts it (ids that exist by then, versions published before it).</summary>
public sealed partial class ScenarioGenerator
{
    private JsonArray Actions()
    {
        var actions = new JsonArray();
        var count = Pick(0, 1, 1, 2, 2, 3, 4, 6);
        var times = Enumerable.Range(0, count).Select(_ => Time(TimeSpan.Zero)).Order().ToList();
        foreach (var at in times)
        {
            var target = scaleSets[random.Next(scaleSets.Count)];
            var name = Pick("update", "update", "update", "startOSUpgrade", "startExtensionUpgrade", "cancel", "updateInstances", "reimage", "reimageAll", "scale", "approve", "setProtectionPolicy", "publishImageVersion");
            var action = new JsonObject { ["at"] = IsoDuration.Format(at), ["action"] = name };
            if (name == "publishImageVersion")
            {
                Publish(action);
                actions.Add(action);
                continue;
            }

            if (scaleSets.Count > 1 || Chance(0.7))
            {
                action["scaleSet"] = target.Name;
            }

            switch (name)
            {
                case "update":
                    action["patch"] = Patch(target);
                    break;
                case "updateInstances" or "setProtectionPolicy":
                    action["instanceIds"] = Ids(target.NextId, required: true);
                    if (name == "setProtectionPolicy")
                    {
                        var scaleIn = Chance(0.6);
                        action["protectFromScaleIn"] = scaleIn;
                        action["protectFromScaleSetActions"] = scaleIn && Chance(0.5);
                    }

                    break;
                case "reimage" or "reimageAll" or "approve":
                    if (Ids(target.NextId, required: false) is { } ids)
                    {
                        action["instanceIds"] = ids;
                    }

                    break;
                case "scale":
                    var capacity = Math.Clamp(target.Capacity + random.Next(-(target.Capacity / 2) - 1, (target.Capacity / 2) + 4), 0, 2000);
                    action["capacity"] = capacity;
                    target.Resize(capacity);
                    break;
            }

            actions.Add(action);
        }

        Gate(actions);
        return actions;
    }

    /// <summary>
    /// Sometimes a gated action last (<c>after</c>, staging before production): after the last operation an action
    /// started on one scale set, an action on any of them, of a kind that names no instance and no version, so it is
    /// valid wherever its gate opens. Drawn after everything else, so the rest of a seed's scenario stays as it was.
    /// </summary>
    private void Gate(JsonArray actions)
    {
        var operations = actions.OfType<JsonObject>()
            .Where(a => a["action"]!.GetValue<string>() is "update" or "startOSUpgrade" or "startExtensionUpgrade" or "updateInstances" or "reimage" or "reimageAll" or "scale")
            .ToList();
        if (operations.Count == 0 || !Chance(0.3))
        {
            return;
        }

        var awaited = operations[random.Next(operations.Count)];
        var name = Pick("update", "startOSUpgrade", "startExtensionUpgrade", "cancel");
        var gated = new JsonObject
        {
            ["action"] = name,
            ["scaleSet"] = scaleSets[random.Next(scaleSets.Count)].Name,
            ["after"] = new JsonObject { ["scaleSet"] = awaited["scaleSet"]?.GetValue<string>() ?? scaleSets[0].Name, ["maxFailedInstancePercent"] = Pick(0, 5, 20, 50, 100) },
        };
        if (name == "update")
        {
            gated["patch"] = new JsonObject();
        }

        actions.Add(gated);
    }

    private void Publish(JsonObject action)
    {
        var image = images[random.Next(images.Count)];
        var version = $"1.{image.NextMinor++}.0";
        action["image"] = image.Name;
        action["version"] = version;
        if (Chance(0.2))
        {
            action["bakedInExtensions"] = new JsonArray("app");
        }

        if (Chance(0.6))
        {
            action["replicationTime"] = IsoDuration.Format(Pick(TimeSpan.Zero, Minutes(1, 30)));
        }

        image.Versions.Add(version);
    }

    /// <summary>A merge patch the scale set takes: a new image version, a capacity, a rolling policy setting, a changed extension, tags, or nothing.</summary>
    private JsonObject Patch(GeneratedScaleSet target)
    {
        var patch = new JsonObject();
        var kind = random.Next(7);
        if (kind is 0 or 1 && target.Image is { } image && !target.Latest)
        {
            patch["properties"] = Profile(new JsonObject { ["storageProfile"] = new JsonObject { ["imageReference"] = new JsonObject { ["id"] = image.Id(Pick([.. image.Versions])) } } });
        }
        else if (kind == 2)
        {
            var capacity = Math.Clamp(target.Capacity + random.Next(-(target.Capacity / 2) - 1, (target.Capacity / 2) + 4), 0, 2000);
            patch["sku"] = new JsonObject { ["capacity"] = capacity };
        }
        else if (kind == 3 && target.Rolling)
        {
            patch["properties"] = new JsonObject { ["upgradePolicy"] = new JsonObject { ["rollingUpgradePolicy"] = RollingPolicy(uniform: target.Resource["properties"]?["orchestrationMode"]?.GetValue<string>() != "Flexible") } };
        }
        else if (kind is 4 or 5 && target.ExtensionArray is { Count: > 0 } extensions)
        {
            // A merge patch replaces a list whole: the extensions again, one of them with a new forceUpdateTag or settings.
            var changed = (JsonArray)extensions.DeepClone();
            var extension = changed[random.Next(changed.Count)]!["properties"]!.AsObject();
            if (Chance(0.5))
            {
                extension["forceUpdateTag"] = $"tag-{random.Next(1000)}";
            }
            else
            {
                extension["settings"] = new JsonObject { ["commandToExecute"] = $"bash run.sh {random.Next(1000)}" };
            }

            patch["properties"] = Profile(new JsonObject { ["extensionProfile"] = new JsonObject { ["extensions"] = changed } });
        }
        else if (Chance(0.5))
        {
            patch["tags"] = new JsonObject { ["owner"] = $"team-{random.Next(10)}" };
        }

        var merged = (JsonObject)JsonMergePatch.Apply(target.Resource, patch)!;
        foreach (var (key, value) in merged.ToList())
        {
            target.Resource[key] = value?.DeepClone();
        }

        if (patch["sku"]?["capacity"] is { } newCapacity)
        {
            target.Resize(newCapacity.GetValue<int>());
        }

        return patch;
    }

    private static JsonObject Profile(JsonObject profile) => new() { ["virtualMachineProfile"] = profile };
}
