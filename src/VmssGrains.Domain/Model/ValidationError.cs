namespace VmssGrains.Domain.Model;

/// <summary>One problem with a request, in the shape of Azure's <c>error</c> object.</summary>
/// <param name="Code">Azure's error code, e.g. <c>InvalidParameter</c> or <c>BadRequest</c>.</param>
/// <param name="Target">The JSON path of the property at fault, when there is one.</param>
/// <param name="Message">What is wrong, naming the property and the allowed values.</param>
[GenerateSerializer, Immutable, Alias("vmss.ValidationError")]
public sealed record ValidationError([property: Id(0)] string Code, [property: Id(1)] string? Target, [property: Id(2)] string Message)
{
    /// <summary>A property with a bad value.</summary>
    public static ValidationError InvalidParameter(string target, string message) => new("InvalidParameter", target, message);

    /// <inheritdoc/>
    public override string ToString() => Target is null ? Message : $"{Target}: {Message}";
}
