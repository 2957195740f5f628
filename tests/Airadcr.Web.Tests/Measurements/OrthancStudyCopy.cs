using Airadcr.Dicom;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.Web.Tests.Measurements;

/// <summary>A pydicom corpus file stored in Orthanc as a study of its own (fresh study, series and instance UIDs).</summary>
public static class OrthancStudyCopy
{
    public static async Task<string> StoreAsync(OrthancServer orthanc, string corpusFile, CancellationToken ct)
    {
        using var file = DicomFile.Open(PydicomCorpus.File(corpusFile));
        var study = DicomUidGenerator.New();
        file.Dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.StudyInstanceUID, [study]));
        file.Dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.SeriesInstanceUID, [DicomUidGenerator.New()]));
        file.Dataset.AddOrUpdate(DicomElementFactory.Create(DicomTag.SOPInstanceUID, [DicomUidGenerator.New()]));
        using var content = new ByteArrayContent(DicomFileWriter.ToArray(file));
        using var stored = await orthanc.Client.PostAsync("instances", content, ct);
        stored.EnsureSuccessStatusCode();
        return study;
    }

    /// <summary>True when Orthanc holds an instance with this SOP Instance UID (its REST lookup).</summary>
    public static async Task<bool> HoldsAsync(OrthancServer orthanc, string sopInstanceUid, CancellationToken ct)
    {
        using var lookup = await orthanc.Client.PostAsync("tools/lookup", new StringContent(sopInstanceUid), ct);
        lookup.EnsureSuccessStatusCode();
        return (await lookup.Content.ReadAsStringAsync(ct)).Contains("\"Instance\"", StringComparison.Ordinal);
    }

    /// <summary>How many instances Orthanc holds (its statistics).</summary>
    public static async Task<int> InstanceCountAsync(OrthancServer orthanc, CancellationToken ct)
    {
        using var statistics = System.Text.Json.JsonDocument.Parse(await orthanc.Client.GetStringAsync("statistics", ct));
        return statistics.RootElement.GetProperty("CountInstances").GetInt32();
    }
}
