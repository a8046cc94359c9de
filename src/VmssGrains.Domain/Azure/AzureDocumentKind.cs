namespace VmssGrains.Domain.Azure;

/// <summary>The shape of an Azure JSON document, as <see cref="AzureDocuments.Kind"/> recognises it.</summary>
public enum AzureDocumentKind
{
    /// <summary>Nothing that can hold a scale set: a rolling upgrade status, a history, an instance view, an error list, ...</summary>
    Other,

    /// <summary>A scale set resource as a REST GET prints it (PowerShell's PascalCase too).</summary>
    ScaleSet,

    /// <summary>A scale set's bare <c>properties</c> object (the <c>vmss-properties</c> output of <c>az vmss create</c>): az's flattened form without the resource envelope.</summary>
    ScaleSetProperties,

    /// <summary>A REST API example: <c>parameters</c> (the request) and <c>responses</c>.</summary>
    RestApiExample,

    /// <summary>An ARM deployment template: <c>$schema</c>/<c>contentVersion</c> and <c>resources</c>.</summary>
    ArmTemplate,

    /// <summary>A list response: <c>{ "value": [ ... ] }</c>.</summary>
    List,

    /// <summary>
    /// A scale set resource as <c>az vmss show</c> prints it: flattened, its properties next to <c>id</c>, <c>name</c> and
    /// <c>sku</c> (<see cref="AzCliShape"/>); read as its REST form.
    /// </summary>
    ScaleSetFlattened,
}
