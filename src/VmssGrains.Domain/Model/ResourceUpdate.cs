using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;

namespace VmssGrains.Domain.Model;

/// <summary>
/// A PATCH of a scale set resource (JSON merge patch, RFC 7386), checked and read the one way both the scale set and
/// the scenario reader use: the patch names only known members (<see cref="GenericUpdate.CheckMergePatch"/>), the
/// merged resource changes nothing Azure forbids (<see cref="ResourceDocument.UpdateProblem"/>), and it reads as a
/// valid model (<see cref="ScaleSetModelReader.Read"/>).
/// </summary>
public static class ResourceUpdate
{
    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="current"/> (neither is changed) and reads the result.
    /// </summary>
    /// <param name="current">The resource as stored.</param>
    /// <param name="patch">The merge patch.</param>
    /// <param name="name">The scale set's name.</param>
    /// <param name="merged">The merged resource, when the result is valid.</param>
    /// <param name="model">Its model, when the result is valid.</param>
    /// <param name="forbidden">True when the problem is a change Azure forbids (not the patch's members, not the model).</param>
    /// <returns>
    /// Nothing when valid; otherwise the problems, first the one to report: <c>InvalidRequestContent</c> for an unknown
    /// member (target null, the message quotes the patch path), <c>PropertyChangeNotAllowed</c> and the like for a
    /// forbidden change, or the model's own errors (targets are paths in the resource).
    /// </returns>
    public static ImmutableArray<ValidationError> Apply(JsonObject current, JsonObject patch, string name, out JsonObject merged, out ScaleSetModel? model, out bool forbidden)
    {
        merged = current;
        model = null;
        forbidden = false;
        try
        {
            GenericUpdate.CheckMergePatch(current, patch, name);
        }
        catch (GenericUpdateException e)
        {
            return [new ValidationError("InvalidRequestContent", null, e.Message)];
        }

        var result = (JsonObject)JsonMergePatch.Apply(current, patch)!;
        if (ResourceDocument.UpdateProblem(current, result) is { } problem)
        {
            forbidden = true;
            return [problem];
        }

        model = ScaleSetModelReader.Read(name, result, out var errors);
        merged = result;
        return model is null ? [.. errors] : [];
    }

    /// <summary>
    /// Null when an instance's protection policy is valid; otherwise <c>InvalidParameter</c> on
    /// <c>protectionPolicy.protectFromScaleSetActions</c>: Azure refuses protection from scale-set actions without
    /// protection from scale-in.
    /// </summary>
    public static ValidationError? ProtectionProblem(bool protectFromScaleIn, bool protectFromScaleSetActions) =>
        protectFromScaleSetActions && !protectFromScaleIn
            ? ValidationError.InvalidParameter("protectionPolicy.protectFromScaleSetActions", "true requires protectFromScaleIn: true (Azure rejects protection from scale-set actions without protection from scale-in)")
            : null;

    /// <summary>Null when <paramref name="capacity"/> is a valid <c>sku.capacity</c> (0 to <see cref="ScaleSetModelReader.MaxCapacity"/>); else <c>InvalidParameter</c>.</summary>
    public static ValidationError? CapacityProblem(long capacity) =>
        capacity is < 0 or > ScaleSetModelReader.MaxCapacity
            ? ValidationError.InvalidParameter("sku.capacity", $"{capacity} is out of range: allowed 0–{ScaleSetModelReader.MaxCapacity}")
            : null;
}
