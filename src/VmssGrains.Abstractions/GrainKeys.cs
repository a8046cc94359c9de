namespace VmssGrains.Abstractions;

/// <summary>Every grain key is made and parsed here.</summary>
public static class GrainKeys
{
    /// <summary>The key of the one image gallery grain.</summary>
    public const string Gallery = "default";

    /// <summary>The key of the one scale set registry grain.</summary>
    public const string Registry = "default";

    /// <summary>The request context key carrying the caller's name into the activity log.</summary>
    public const string CallerKey = "vmss.caller";

    /// <summary>An instance grain's key: <c>{scaleSet}/{instanceId}</c>.</summary>
    public static string Instance(string scaleSet, string instanceId) => $"{scaleSet}/{instanceId}";

    /// <summary>Splits an instance key into scale set and instance id.</summary>
    public static (string ScaleSet, string InstanceId) ParseInstance(string key)
    {
        var slash = key.LastIndexOf('/');
        return slash < 0 ? throw new FormatException($"'{key}' is not an instance key (scaleSet/instanceId)") : (key[..slash], key[(slash + 1)..]);
    }

    /// <summary>A load balancer backend: the instance key.</summary>
    public static string Backend(string scaleSet, string instanceId) => Instance(scaleSet, instanceId);

    /// <summary>True when <paramref name="name"/> can name a scale set or load balancer (Azure: 1–64 letters, digits, '-', '_', '.').</summary>
    public static bool IsValidName(string? name) => Domain.Azure.ScaleSetDocument.IsValidName(name);
}
