using System.Globalization;
using System.Text;

namespace VmssGrains.Domain.Naming;

/// <summary>
/// Azure's naming rules for every name the simulator takes from a user (scenario files, resource JSON, console flags),
/// checked the same way wherever the name enters. Sources: Azure Resource Manager's "naming rules and restrictions"
/// table (scale sets, load balancers and their probes and pools, gallery images, extensions) and the Compute Gallery
/// documentation (image versions). Where the simulator differs it says so on the rule.
/// </summary>
public static class AzureNames
{
    /// <summary>The longest scale set name (Azure: 64 for Linux scale sets).</summary>
    public const int MaxScaleSetLength = 64;

    /// <summary>The longest load balancer, probe, backend pool, gallery image or extension name (Azure: 80).</summary>
    public const int MaxLength = 80;

    /// <summary>
    /// The rule of <paramref name="kind"/> in words, as error messages end with it:
    /// <list type="bullet">
    /// <item>scale set: 1–64 letters, digits, '-', '_' or '.' (the simulator's grain keys keep Azure's character set);</item>
    /// <item>load balancer, probe, backend pool and extension: 1–80 letters, digits, '-', '_' or '.', starting with a
    /// letter or digit and ending with a letter, digit or '_';</item>
    /// <item>gallery image: 1–80 letters, digits, '-', '_' or '.', starting and ending with a letter or digit;</item>
    /// <item>gallery image version: Major.Minor.Patch, each a whole number up to 2,147,483,647 (Azure's format); the
    /// simulator also takes Major.Minor (e.g. 2024.07), read as a version of its own, not as Major.Minor.0;</item>
    /// <item>instance id: a whole number without a sign or leading zeros (0, 1, 17).</item>
    /// </list>
    /// </summary>
    public static string Rule(NameKind kind) => kind switch
    {
        NameKind.ScaleSet => "use 1–64 letters, digits, '-', '_' or '.'",
        NameKind.LoadBalancer or NameKind.LoadBalancerChild or NameKind.Extension =>
            "use 1–80 letters, digits, '-', '_' or '.', starting with a letter or digit and ending with a letter, digit or '_'",
        NameKind.GalleryImage => "use 1–80 letters, digits, '-', '_' or '.', starting and ending with a letter or digit",
        NameKind.GalleryImageVersion => "use Major.Minor.Patch (or Major.Minor), whole numbers such as 1.2.0",
        NameKind.InstanceId => "use a whole number such as 0 or 17",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>What the kind is called in messages: <c>scale set name</c>, <c>load balancer name</c>, ...</summary>
    public static string Describe(NameKind kind) => kind switch
    {
        NameKind.ScaleSet => "scale set name",
        NameKind.LoadBalancer => "load balancer name",
        NameKind.LoadBalancerChild => "probe or backend pool name",
        NameKind.GalleryImage => "gallery image name",
        NameKind.GalleryImageVersion => "gallery image version",
        NameKind.Extension => "extension name",
        NameKind.InstanceId => "instance id",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>True when <paramref name="name"/> follows the rule of <paramref name="kind"/>.</summary>
    public static bool IsValid(NameKind kind, string? name) => Problem(kind, name) is null;

    /// <summary>
    /// Null when <paramref name="name"/> follows the rule of <paramref name="kind"/>; otherwise one line naming the
    /// name (control characters escaped), what is wrong with it and the rule:
    /// <c>'web lb' is not a valid load balancer name (character 4 is ' '): use 1–80 letters, ...</c>.
    /// </summary>
    public static string? Problem(NameKind kind, string? name)
    {
        var reason = Reason(kind, name ?? "");
        return reason is null ? null : $"'{Quote(name ?? "")}' is not a valid {Describe(kind)} ({reason}): {Rule(kind)}";
    }

    /// <summary>
    /// Refuses a resource named against Azure's rule for <paramref name="kind"/>, as Azure does a PUT of one.
    /// </summary>
    /// <exception cref="AzureException"><c>InvalidParameter</c> with the rule, targeting <paramref name="target"/>.</exception>
    public static void Require(NameKind kind, string? name, string target = "name")
    {
        if (Problem(kind, name) is { } problem)
        {
            throw new AzureException("InvalidParameter", problem, target);
        }
    }

    /// <summary>The text with every control character written as <c>\uXXXX</c>, safe to print on a terminal.</summary>
    public static string Quote(string text)
    {
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c);
        }

        return builder.ToString();
    }

    private static string? Reason(NameKind kind, string name)
    {
        if (name.Length == 0)
        {
            return "it is empty";
        }

        return kind switch
        {
            NameKind.GalleryImageVersion => VersionReason(name),
            NameKind.InstanceId => name.All(char.IsAsciiDigit) && (name.Length == 1 || name[0] != '0') && name.Length <= 10
                ? null
                : FirstBad(name, char.IsAsciiDigit) ?? "not a whole number without leading zeros",
            _ => SegmentReason(kind, name),
        };
    }

    private static string? SegmentReason(NameKind kind, string name)
    {
        var max = kind == NameKind.ScaleSet ? MaxScaleSetLength : MaxLength;
        if (FirstBad(name, c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') is { } bad)
        {
            return bad;
        }

        if (name.Length > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{name.Length} characters long");
        }

        if (kind != NameKind.ScaleSet && !char.IsAsciiLetterOrDigit(name[0]))
        {
            return $"it starts with '{name[0]}'";
        }

        var endsWell = kind == NameKind.GalleryImage ? char.IsAsciiLetterOrDigit(name[^1]) : char.IsAsciiLetterOrDigit(name[^1]) || name[^1] == '_';
        return kind == NameKind.ScaleSet || endsWell ? null : $"it ends with '{name[^1]}'";
    }

    private static string? VersionReason(string version)
    {
        var parts = version.Split('.');
        if (parts.Length is < 2 or > 3)
        {
            return FirstBad(version, c => char.IsAsciiDigit(c) || c == '.') ?? string.Create(CultureInfo.InvariantCulture, $"{parts.Length} part(s)");
        }

        foreach (var part in parts)
        {
            if (part.Length == 0 || !part.All(char.IsAsciiDigit))
            {
                return FirstBad(version, c => char.IsAsciiDigit(c) || c == '.') ?? "a part is empty";
            }

            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                return $"{part} is larger than 2147483647";
            }
        }

        return null;
    }

    /// <summary>"character 3 is ' '" for the first character outside <paramref name="allowed"/>, or null.</summary>
    private static string? FirstBad(string text, Func<char, bool> allowed)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!allowed(text[i]))
            {
                var shown = char.IsControl(text[i])
                    ? string.Create(CultureInfo.InvariantCulture, $"a control character (U+{(int)text[i]:X4})")
                    : $"'{text[i]}'";
                return string.Create(CultureInfo.InvariantCulture, $"character {i + 1} is {shown}");
            }
        }

        return null;
    }
}
