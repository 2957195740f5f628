using System.Collections.Frozen;

namespace Airadcr.Dicom.Deidentification;

/// <summary>Table E.1-1 by tag: the row an attribute falls under (exact tag first, then the repeating-group patterns,
/// then the private rule), or null for an attribute the table does not list.</summary>
internal static class ConfidentialityProfile
{
    private static readonly FrozenDictionary<uint, ConfidentialityProfileAttribute> Exact =
        ConfidentialityProfileData.Attributes.Where(a => a.IsExact).ToFrozenDictionary(a => a.Value);

    private static readonly ConfidentialityProfileAttribute[] Patterns =
        [.. ConfidentialityProfileData.Attributes.Where(a => !a.IsExact && a.Pattern != ConfidentialityProfileAttribute.PrivatePattern)];

    public static ConfidentialityProfileAttribute PrivateAttributes { get; } =
        ConfidentialityProfileData.Attributes.Single(a => a.Pattern == ConfidentialityProfileAttribute.PrivatePattern);

    public static IReadOnlyList<ConfidentialityProfileAttribute> All => ConfidentialityProfileData.Attributes;

    public static ConfidentialityProfileAttribute? Find(DicomTag tag)
    {
        if (tag.IsPrivate)
        {
            return PrivateAttributes;
        }

        if (Exact.TryGetValue(tag.Value, out var row))
        {
            return row;
        }

        foreach (var pattern in Patterns)
        {
            if (pattern.Matches(tag))
            {
                return pattern;
            }
        }

        return null;
    }
}
