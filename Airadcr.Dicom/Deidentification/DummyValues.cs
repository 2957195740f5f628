namespace Airadcr.Dicom.Deidentification;

/// <summary>The D action's values: non-zero length, valid for the VR, identifying nothing.</summary>
internal static class DummyValues
{
    public const string Text = "ANONYMIZED";

    public const string Date = "19000101";

    public const string Time = "000000";

    public const string DateTime = "19000101000000";

    /// <summary>A dummy element; null for VRs that hold no dummy (UI is remapped, SQ de-identified item by item).</summary>
    public static DicomElement? For(DicomElement element) => element.VR switch
    {
        DicomVR.AE or DicomVR.CS or DicomVR.SH or DicomVR.LO or DicomVR.ST or DicomVR.LT or DicomVR.UT or DicomVR.UC
            or DicomVR.PN => DicomElementFactory.Create(element.Tag, element.VR, Text),
        DicomVR.UR => DicomElementFactory.Create(element.Tag, element.VR, "urn:anonymized"),
        DicomVR.AS => DicomElementFactory.Create(element.Tag, element.VR, "000Y"),
        DicomVR.DA => DicomElementFactory.Create(element.Tag, element.VR, Date),
        DicomVR.TM => DicomElementFactory.Create(element.Tag, element.VR, Time),
        DicomVR.DT => DicomElementFactory.Create(element.Tag, element.VR, DateTime),
        DicomVR.IS or DicomVR.DS => DicomElementFactory.Create(element.Tag, element.VR, "0"),
        DicomVR.US or DicomVR.SS => new DicomElement(element.Tag, element.VR, new byte[2]),
        DicomVR.UL or DicomVR.SL or DicomVR.FL or DicomVR.AT => new DicomElement(element.Tag, element.VR, new byte[4]),
        DicomVR.FD or DicomVR.SV or DicomVR.UV => new DicomElement(element.Tag, element.VR, new byte[8]),
        DicomVR.UI or DicomVR.SQ => null,
        _ => new DicomElement(element.Tag, element.VR, new byte[2]),
    };
}
