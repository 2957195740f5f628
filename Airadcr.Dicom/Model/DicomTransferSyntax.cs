namespace Airadcr.Dicom;

/// <summary>A transfer syntax and how it encodes a dataset.</summary>
public sealed class DicomTransferSyntax
{
    private DicomTransferSyntax(string uid, bool explicitVR, bool bigEndian, bool deflated, bool encapsulated)
    {
        Uid = uid;
        IsExplicitVR = explicitVR;
        IsBigEndian = bigEndian;
        IsDeflated = deflated;
        IsEncapsulated = encapsulated;
    }

    public string Uid { get; }

    public bool IsExplicitVR { get; }

    public bool IsBigEndian { get; }

    public bool IsDeflated { get; }

    /// <summary>Pixel data as fragments (compressed syntaxes).</summary>
    public bool IsEncapsulated { get; }

    public string Name => DicomUidInfo.NameOf(Uid);

    public static DicomTransferSyntax ImplicitVRLittleEndian { get; } = new(DicomUids.ImplicitVRLittleEndian, false, false, false, false);

    public static DicomTransferSyntax ExplicitVRLittleEndian { get; } = new(DicomUids.ExplicitVRLittleEndian, true, false, false, false);

    public static DicomTransferSyntax ExplicitVRBigEndian { get; } = new(DicomUids.ExplicitVRBigEndian, true, true, false, false);

    public static DicomTransferSyntax DeflatedExplicitVRLittleEndian { get; } = new(DicomUids.DeflatedExplicitVRLittleEndian, true, false, true, false);

    public static DicomTransferSyntax RLELossless { get; } = new(DicomUids.RLELossless, true, false, false, true);

    /// <summary>The uncompressed syntaxes plus deflate, between which datasets transcode losslessly.</summary>
    public static IReadOnlyList<DicomTransferSyntax> Uncompressed { get; } =
        [ImplicitVRLittleEndian, ExplicitVRLittleEndian, ExplicitVRBigEndian, DeflatedExplicitVRLittleEndian];

    /// <summary>Known syntaxes by UID; any other UID is Explicit VR Little Endian with encapsulated pixel data
    /// (true of every compressed syntax of PS3.5 annex A).</summary>
    public static DicomTransferSyntax Lookup(string uid)
    {
        var trimmed = uid.TrimEnd('\0', ' ');
        foreach (var ts in Uncompressed)
        {
            if (ts.Uid == trimmed)
            {
                return ts;
            }
        }

        if (trimmed == RLELossless.Uid)
        {
            return RLELossless;
        }

        // Encapsulated Uncompressed Explicit VR Little Endian is encapsulated; so are all compressed syntaxes.
        return new DicomTransferSyntax(trimmed, true, false, false, true);
    }

    public override string ToString() => $"{Name} [{Uid}]";
}
