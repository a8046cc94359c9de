using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Naming;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// The image part of a what-if: which version the instances run now, which one the change moves them to, and how
/// the engineer makes that change for each kind of <c>imageReference</c> (a pinned or <c>latest</c> gallery image, a
/// pinned or <c>latest</c> marketplace image, a managed image).
/// </summary>
internal sealed record WhatIfImage
{
    /// <summary>The version the instances are taken to run when a gallery image follows <c>latest</c> and no target says otherwise.</summary>
    public const string AssumedLatest = "1.0.0";

    /// <summary>What was read, one line.</summary>
    public required string Read { get; init; }

    /// <summary>The scenario's <c>images[]</c> entry (gallery images only).</summary>
    public JsonObject? ScenarioImage { get; init; }

    /// <summary>A <c>--set</c> applied to the resource before the scenario starts: a <c>latest</c> gallery reference pinned to the version assumed running.</summary>
    public GenericUpdateOperation? PinCurrent { get; init; }

    /// <summary>The change of the image reference, as a <c>--set</c> of the engineer's update.</summary>
    public GenericUpdateOperation? Change { get; init; }

    /// <summary>A <c>publishImageVersion</c> action instead of an update (a <c>latest</c> gallery image with automatic OS upgrades).</summary>
    public JsonObject? Publish { get; init; }

    /// <summary>What was assumed about the image.</summary>
    public string? Assumption { get; init; }

    /// <summary>Plans the image part; <paramref name="target"/> is <c>--image-version</c>, already checked to be a version.</summary>
    /// <exception cref="WhatIfException">The image cannot move to <paramref name="target"/> (the same version, a managed image, a marketplace image the platform upgrades).</exception>
    public static WhatIfImage Plan(string scaleSet, ScaleSetModel model, string? target)
    {
        var image = model.Image;
        var property = IdProperty(image);
        return image.Source switch
        {
            ImageSource.Gallery when !image.IsLatest => Pinned(scaleSet, image, target, property),
            ImageSource.Gallery => GalleryLatest(image, target, property, model.UpgradePolicy.AutomaticOSUpgradePolicy.EnableAutomaticOSUpgrade),
            ImageSource.Platform => Platform(scaleSet, image, target, model.UpgradePolicy.AutomaticOSUpgradePolicy.EnableAutomaticOSUpgrade),
            _ => target is null
                ? new WhatIfImage { Read = $"managed image {image.IdPrefix ?? image.Image} (an image id without versions)" }
                : throw new WhatIfException($"--image-version: scale set '{scaleSet}' uses the managed image {image.IdPrefix ?? image.Image}, which has no versions; give the new image with --set virtualMachineProfile.storageProfile.imageReference.id=ID"),
        };
    }

    /// <summary>The version just before <paramref name="version"/> (its last non-zero part less one, as wide as it was: 2024.07.0 gives 2024.06.0), or null for 0.0.0.</summary>
    public static string? Predecessor(string version)
    {
        var parts = version.Split('.');
        for (var i = parts.Length - 1; i >= 0; i--)
        {
            if (long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
            {
                parts[i] = (n - 1).ToString(CultureInfo.InvariantCulture).PadLeft(parts[i].Length, '0');
                return string.Join('.', parts);
            }
        }

        return null;
    }

    private static WhatIfImage Pinned(string scaleSet, ImageReference image, string? target, string property)
    {
        if (target is null)
        {
            return new WhatIfImage { Read = $"gallery image {image.Image}, version {image.Version}", ScenarioImage = Entry(image.Image, image.Version) };
        }

        Same(scaleSet, image, target);
        return new WhatIfImage
        {
            Read = $"gallery image {image.Image}, version {image.Version} → {target}",
            ScenarioImage = Entry(image.Image, image.Version, target),
            Change = SetId(property, image, target),
        };
    }

    private static WhatIfImage GalleryLatest(ImageReference image, string? target, string property, bool automaticOSUpgrade)
    {
        var current = target is null ? AssumedLatest : Predecessor(target)
            ?? throw new WhatIfException($"--image-version: {target} has no earlier version for the instances to run now; give a later version");
        var unknown = $"imageReference follows latest of gallery image {image.Image} and the scale set's JSON does not say which version that is: the instances are taken to run {current}";
        if (target is null)
        {
            return new WhatIfImage { Read = $"gallery image {image.Image}, latest (taken as {current})", ScenarioImage = Entry(image.Image, current), Assumption = unknown };
        }

        if (automaticOSUpgrade)
        {
            return new WhatIfImage
            {
                Read = $"gallery image {image.Image}, latest (taken as {current}) → {target} when published",
                ScenarioImage = Entry(image.Image, current),
                Publish = new JsonObject { ["at"] = "PT0S", ["action"] = "publishImageVersion", ["image"] = image.Image, ["version"] = target },
                Assumption = $"{unknown}; the change publishes {target} in the gallery, and automatic OS upgrades take the scale set there",
            };
        }

        return new WhatIfImage
        {
            Read = $"gallery image {image.Image}, latest (taken as {current}) → {target}",
            ScenarioImage = Entry(image.Image, current, target),
            PinCurrent = SetId(property, image, current),
            Change = SetId(property, image, target),
            Assumption = $"{unknown}, pinned so in the scenario; a scale set that follows latest moves an instance only when it is reimaged (automatic OS upgrades are off), so the change pins {target}",
        };
    }

    private static WhatIfImage Platform(string scaleSet, ImageReference image, string? target, bool automaticOSUpgrade)
    {
        var read = $"marketplace image {image.Image}, version {image.Version}";
        if (target is null)
        {
            return new WhatIfImage { Read = read };
        }

        if (image.IsLatest && automaticOSUpgrade)
        {
            throw new WhatIfException($"--image-version: scale set '{scaleSet}' follows latest of marketplace image {image.Image} with automatic OS upgrades: Azure rolls new marketplace versions out by itself, and the simulator has no marketplace catalog to publish {target} in; use a gallery image");
        }

        Same(scaleSet, image, target);
        var change = GenericUpdateOperation.Set($"properties.virtualMachineProfile.storageProfile.imageReference.version={JsonValue.Create(target).ToJsonString()}");
        return new WhatIfImage
        {
            Read = $"{read} → {target}",
            Change = change,
            Assumption = image.IsLatest
                ? $"marketplace images are outside the simulated gallery: the instances run what latest of {image.Image} was when they were created, and the change pins {target}, available at once"
                : $"marketplace images are outside the simulated gallery: {target} of {image.Image} is taken to exist, available at once",
        };
    }

    private static void Same(string scaleSet, ImageReference image, string target)
    {
        if (VersionOrder.Compare(image.Version, target) == 0)
        {
            throw new WhatIfException($"--image-version: scale set '{scaleSet}' already runs version {image.Version} of image {image.Image}; give the version you are moving to");
        }
    }

    /// <summary>The property of <c>imageReference</c> that holds the gallery image's id, REST form.</summary>
    private static string IdProperty(ImageReference image)
    {
        var prefix = image.IdPrefix ?? "";
        var property = prefix.Contains("/sharedGalleries/", StringComparison.OrdinalIgnoreCase) ? "sharedGalleryImageId"
            : prefix.Contains("/communityGalleries/", StringComparison.OrdinalIgnoreCase) ? "communityGalleryImageId"
            : "id";
        return $"properties.virtualMachineProfile.storageProfile.imageReference.{property}";
    }

    private static GenericUpdateOperation SetId(string property, ImageReference image, string version) =>
        GenericUpdateOperation.Set($"{property}={JsonValue.Create($"{image.IdPrefix}/versions/{version}").ToJsonString()}");

    private static JsonObject Entry(string image, params string[] versions) =>
        new() { ["name"] = image, ["versions"] = new JsonArray([.. versions.Select(v => (JsonNode)JsonValue.Create(v))]) };

    /// <summary>Azure's rule for a version: <c>Major.Minor.Patch</c> (or <c>Major.Minor</c>) of whole numbers.</summary>
    public static string? VersionProblem(string version) => AzureNames.Problem(NameKind.GalleryImageVersion, version);
}
