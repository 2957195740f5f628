namespace Airadcr.Dicom.Deidentification;

/// <summary>
/// What the output records of its de-identification (PS3.15 E.1.1, PS3.3 C.7.1.1): Patient Identity Removed YES,
/// De-identification Method (the code meanings) and De-identification Method Code Sequence with the CID 7050 codes
/// (PS3.16, scheme DCM) of the profile and each option applied; Longitudinal Temporal Information Modified MODIFIED
/// when dates were shifted (E.3.6).
/// </summary>
internal static class DeidentificationMethod
{
    public const string BasicProfile = "113100";
    public const string CleanPixelData = "113101";

    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        [BasicProfile] = "Basic Application Confidentiality Profile",
        [CleanPixelData] = "Clean Pixel Data Option",
        ["113103"] = "Clean Graphics Option",
        ["113104"] = "Clean Structured Content Option",
        ["113105"] = "Clean Descriptors Option",
        ["113106"] = "Retain Longitudinal Temporal Information Full Dates Option",
        ["113107"] = "Retain Longitudinal Temporal Information Modified Dates Option",
        ["113108"] = "Retain Patient Characteristics Option",
        ["113109"] = "Retain Device Identity Option",
        ["113110"] = "Retain UIDs Option",
        ["113111"] = "Retain Safe Private Option",
        ["113112"] = "Retain Institution Identity Option",
    };

    /// <summary>The CID 7050 code values of <paramref name="options"/>, the basic profile first.</summary>
    public static IReadOnlyList<string> Codes(DeidentificationOptions options, bool pixelsCleaned)
    {
        List<string> codes = [BasicProfile];
        if (pixelsCleaned) codes.Add(CleanPixelData);
        if (options.CleanGraphics) codes.Add("113103");
        if (options.CleanStructuredContent) codes.Add("113104");
        if (options.CleanDescriptors) codes.Add("113105");
        if (options.RetainLongitudinalTemporalFull) codes.Add("113106");
        if (options.RetainLongitudinalTemporalModified) codes.Add("113107");
        if (options.RetainPatientCharacteristics) codes.Add("113108");
        if (options.RetainDeviceIdentity) codes.Add("113109");
        if (options.RetainUids) codes.Add("113110");
        if (options.RetainSafePrivate) codes.Add("113111");
        if (options.RetainInstitutionIdentity) codes.Add("113112");
        return codes;
    }

    public static void Record(DicomDataset dataset, DeidentificationOptions options, bool pixelsCleaned)
    {
        var codes = Codes(options, pixelsCleaned);
        dataset.Add(DicomTag.PatientIdentityRemoved, DicomVR.CS, "YES");
        dataset.Add(DicomTag.DeidentificationMethod, DicomVR.LO, [.. codes.Select(c => Meanings[c])]);
        dataset.Add(DicomTag.DeidentificationMethodCodeSequence, [.. codes.Select(c => new DicomDataset()
            .Add(DicomTag.CodeValue, DicomVR.SH, c)
            .Add(DicomTag.CodingSchemeDesignator, DicomVR.SH, "DCM")
            .Add(DicomTag.CodeMeaning, DicomVR.LO, Meanings[c]))]);
        if (options.RetainLongitudinalTemporalModified)
        {
            dataset.Add(DicomTag.LongitudinalTemporalInformationModified, DicomVR.CS, "MODIFIED");
        }
    }
}
