using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// <c>az vmss update</c>'s generic update: take the resource as <c>show</c> returns it, apply <c>--set</c>, <c>--add</c>
/// and <c>--remove</c> in command-line order, and send the result. Paths take az's flattened form
/// (<c>upgradePolicy.mode</c>, <c>virtualMachineProfile.extensionProfile.extensions[0].settings.port</c>: every
/// <c>properties</c> wrapper flattened, as the SDKs behind az do) or the REST form (<c>properties.upgradePolicy.mode</c>);
/// list indexes may be negative (<c>[-1]</c>) or filters (<c>[name=app]</c>). A name must be a property of the
/// resource type (<see cref="ResourceSchema"/>) or one the resource holds at that place; free-form maps (<c>tags</c>,
/// an extension's <c>settings</c> and <c>protectedSettings</c>, <c>simulation</c>) take any key. Nothing unknown is
/// written: a bad path, an index out of range, a value of the wrong kind or a read-only property is a
/// <see cref="GenericUpdateException"/>, and the input is never changed.
/// </summary>
public static class GenericUpdate
{
    /// <summary>The resource after <paramref name="operations"/>, a new tree in the REST shape; <paramref name="resource"/> is unchanged.</summary>
    /// <exception cref="GenericUpdateException">An operation cannot be applied; the message names its flag and path.</exception>
    public static JsonObject Apply(JsonObject resource, IEnumerable<GenericUpdateOperation> operations, string scaleSetName)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(operations);
        var edited = ScaleSetModelReader.ParseObject(resource.ToJsonString());
        var editor = new ResourceEditor(edited, scaleSetName);
        foreach (var operation in operations)
        {
            editor.Apply(operation);
        }

        return edited;
    }

    /// <summary>
    /// The JSON merge patch (RFC 7386) that takes <paramref name="shown"/>, the resource as <c>show</c> returned it, to
    /// the result of <paramref name="operations"/>: what changed, removed properties as null, lists whole, and no
    /// read-only property (<c>id</c>, <c>provisioningState</c>, <c>uniqueId</c>, <c>timeCreated</c>); empty when nothing changed.
    /// </summary>
    /// <exception cref="GenericUpdateException">An operation cannot be applied; the message names its flag and path.</exception>
    public static JsonObject Patch(JsonObject shown, IEnumerable<GenericUpdateOperation> operations, string scaleSetName)
    {
        var edited = Apply(shown, operations, scaleSetName);
        var patch = (JsonObject)JsonMergePatch.Difference(shown, edited)!;
        DropReadOnly(patch, ResourceSchema.ScaleSet);
        return patch;
    }

    /// <summary>
    /// Checks a JSON merge patch (RFC 7386) before it is applied to <paramref name="current"/>: every member it sets
    /// or removes must be known at its place, by the same rule as <c>--set</c> (a property of the resource type, or one
    /// the resource holds there; free-form maps take any key), so nothing unknown is ever stored. Read-only members
    /// (<c>id</c>, <c>provisioningState</c>, ...) are ignored, as Azure ignores them in a PATCH; so a resource as
    /// <c>show</c> printed it is a valid patch.
    /// </summary>
    /// <exception cref="GenericUpdateException">A member is unknown, or of the wrong kind; the message starts with <c>the patch</c> and quotes its path.</exception>
    public static void CheckMergePatch(JsonObject current, JsonObject patch, string scaleSetName)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        var members = (JsonObject)patch.DeepClone();
        DropReadOnly(members, ResourceSchema.ScaleSet);
        var editor = new ResourceEditor(ScaleSetModelReader.ParseObject(current.ToJsonString()), scaleSetName);
        foreach (var (name, value) in members)
        {
            try
            {
                editor.Apply(GenericUpdateOperation.Set($"{name}={value?.ToJsonString() ?? "null"}"));
            }
            catch (GenericUpdateException e)
            {
                const string flag = "--set: ";
                throw new GenericUpdateException("the patch: " + (e.Message.StartsWith(flag, StringComparison.Ordinal) ? e.Message[flag.Length..] : e.Message), e);
            }
        }
    }

    /// <summary>
    /// A command-line value: JSON when it parses (numbers, true, false, null, objects, lists, quoted strings), otherwise
    /// the text as a string. Parsed like every user JSON (<see cref="JsonInput"/>): an object that names a property
    /// twice is not taken as a string but refused.
    /// </summary>
    /// <exception cref="FormatException">The value is JSON with a duplicate property; the message quotes the value and names the property's path.</exception>
    public static JsonNode? ParseValue(string text)
    {
        try
        {
            return JsonInput.Parse(text, caseInsensitive: true);
        }
        catch (DuplicatePropertyException e)
        {
            throw new FormatException($"'{Naming.AzureNames.Quote(text)}': {e.JsonPath}: {e.Problem}", e);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    private static void DropReadOnly(JsonObject patch, SchemaNode schema)
    {
        foreach (var (name, value) in patch.ToList())
        {
            var member = schema.Member(name);
            if (member is { ReadOnly: true })
            {
                patch.Remove(name);
            }
            else if (member is not null && value is JsonObject inner)
            {
                DropReadOnly(inner, member.Node);
            }
        }
    }
}
