using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.DicomGateway.Storage;

namespace Airadcr.DicomGateway.Publishing;

/// <summary>
/// The held AI results as they are released once the radiologist signed: copies of <c>ai-sr.dcm</c> and
/// <c>report-pdf.dcm</c> marked reviewed. The AI SR becomes <c>VERIFIED</c> with the signed report's Verifying Observer
/// (name, organisation, date-time: SR Document General Module, PS3.3 C.17.2, where Verifying Observer Sequence is
/// required when the flag is VERIFIED); both get <see cref="ReviewedSuffix"/> on their Series Description (the
/// Encapsulated PDF IOD has no verification attributes). Their SOP Instance UIDs stay: a held instance never left the
/// gateway, so its released form is its first and only published version.
/// </summary>
public static class ReviewedResults
{
    public const string AiSr = "ai-sr.dcm";
    public const string AiPdf = "report-pdf.dcm";
    public const string ReviewedSuffix = " (reviewed)";

    /// <summary>The reviewed copies beside the originals (<c>*-reviewed.dcm</c>), durable when this returns.</summary>
    public static IReadOnlyList<string> Write(string resultsFolder, DicomDataset signedSr)
    {
        var durable = new DurableFiles();
        foreach (var name in new[] { AiSr, AiPdf })
        {
            var source = Path.Combine(resultsFolder, name);
            var file = DicomFile.Read(File.ReadAllBytes(source));
            MarkReviewed(file.Dataset, signedSr);
            var temporary = Path.Combine(resultsFolder, $"{Guid.NewGuid():N}.part");
            file.Save(temporary, file.TransferSyntax);
            durable.Place(temporary, Path.Combine(resultsFolder, Path.GetFileNameWithoutExtension(name) + "-reviewed.dcm"));
        }
        durable.Sync();
        return durable.Placed;
    }

    public static void MarkReviewed(DicomDataset dataset, DicomDataset signedSr)
    {
        var description = dataset.GetStringOrDefault(DicomTag.SeriesDescription) ?? "";
        if (!description.EndsWith(ReviewedSuffix, StringComparison.Ordinal))
        {
            dataset.Add(DicomTag.SeriesDescription, (description.Length + ReviewedSuffix.Length > 64 ? description[..(64 - ReviewedSuffix.Length)] : description) + ReviewedSuffix);
        }
        if (!dataset.Contains(DicomTag.VerificationFlag) || !signedSr.TryGetSequence(DicomTag.VerifyingObserverSequence, out var signers)
            || signers.Items.Count == 0)
        {
            return;
        }
        var signer = signers.Items[0];
        var name = signer.GetStringOrDefault(DicomTag.VerifyingObserverName) ?? "";
        var organization = signer.GetStringOrDefault(DicomTag.VerifyingOrganization) ?? "";
        if (!dataset.Charset.IsUtf8 && (name + organization).Any(c => c > '~'))
        {
            // Our AI SR is ASCII unless it already says ISO_IR 192: declaring UTF-8 changes no existing value.
            dataset.Add(DicomTag.SpecificCharacterSet, DicomVR.CS, "ISO_IR 192");
        }
        dataset.Add(DicomTag.VerificationFlag, "VERIFIED");
        var verifier = new DicomDataset();
        dataset.Add(DicomTag.VerifyingObserverSequence, verifier);
        verifier.Add(DicomTag.VerifyingObserverName, name);
        verifier.AddOrUpdate(new DicomSequence(DicomTag.VerifyingObserverIdentificationCodeSequence));
        verifier.Add(DicomTag.VerifyingOrganization, organization);
        verifier.Add(DicomTag.VerificationDateTime, signer.GetStringOrDefault(DicomTag.VerificationDateTime) ?? "");
    }
}
