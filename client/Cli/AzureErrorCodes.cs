namespace VmssGrains.Client.Cli;

/// <summary>
/// The one place an Azure error code (of an <c>AzureException</c> a grain or the console throws) becomes an
/// exit code. Every code the grains, the domain's validation and the console throw is listed deliberately; a
/// code not listed is a runtime failure (1).
/// </summary>
public static class AzureErrorCodes
{
    private static readonly Dictionary<string, int> ExitCodeByCode = new(StringComparer.OrdinalIgnoreCase)
    {
        // The request itself is wrong (exit 2): a value out of range or malformed, a scale set or patch that
        // breaks a model rule (Rolling without a health source, automatic OS upgrade rules, protection
        // combination), a body that is not a JSON object. Asking again unchanged can never succeed.
        ["InvalidParameter"] = ExitCodes.Usage,
        ["BadRequest"] = ExitCodes.Usage,
        ["InvalidRequestContent"] = ExitCodes.Usage,

        // An update that would change what cannot change (exit 2): the location of an existing scale set.
        ["PropertyChangeNotAllowed"] = ExitCodes.Usage,

        // The request names something that does not exist (exit 2): an unknown scale set, instance id or
        // operation. ResourceNotFound is Azure's code for the same (az prints it for a missing resource).
        ["NotFound"] = ExitCodes.Usage,
        ["ResourceNotFound"] = ExitCodes.Usage,

        // The resource names something else that does not exist (exit 2): a gallery image nobody published, a version
        // the image does not have (create or update with such an image), a load balancer, probe or backend pool.
        ["GalleryImageNotFound"] = ExitCodes.Usage,
        ["GalleryImageVersionNotFound"] = ExitCodes.Usage,
        ["InvalidResourceReference"] = ExitCodes.Usage,

        // The resource refuses what it cannot do now or at all (exit 1, a runtime refusal): cancel with no
        // rolling upgrade in progress, reimage-all on a Flexible scale set (OperationNotAllowed), an update or
        // operation while a run is in progress (Conflict). The request was well formed.
        ["OperationNotAllowed"] = ExitCodes.Failure,
        ["Conflict"] = ExitCodes.Failure,
    };

    /// <summary>The exit code of an Azure error code: 2 for bad or unknown input, 1 for refusals and anything else.</summary>
    public static int ExitCode(string code) => ExitCodeByCode.TryGetValue(code, out var exitCode) ? exitCode : ExitCodes.Failure;
}
