using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Airadcr.Dicom.Deidentification;
using Airadcr.Dicom.IO;
using Airadcr.Testing;

namespace Airadcr.Dicom.Tests.Deidentification;

/// <summary>
/// One study de-identified twice, by us (basic profile) and by a real Orthanc (<c>POST /studies/{id}/anonymize</c>
/// with its defaults): a CT image, an SR referencing it, and a 3-frame CT compressed to JPEG-LS lossless by dcmtk's
/// <c>dcmcjpls</c>. Each <see cref="Instance"/> holds the original and both outputs as read back from their bytes.
/// </summary>
public sealed class OrthancAnonymizedStudy : IAsyncLifetime
{
    public const int CtSeries = 1;
    public const int SrSeries = 5;
    public const int MultiFrameSeries = 6;
    public const int MultiFrameFrames = 3;

    private readonly OrthancServer _orthanc = new();
    private readonly FixtureDirectory _directory = new("deid-orthanc");

    public sealed record Instance(string Name, DicomFile Original, DicomFile Ours, byte[] OursBytes, DicomFile Orthanc, byte[] OrthancBytes);

    internal static Instances.Patient Patient => Instances.Dupont;

    public IReadOnlyList<Instance> All { get; private set; } = [];

    public Instance Named(string name) => All.Single(i => i.Name == name);

    public async ValueTask InitializeAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await _orthanc.InitializeAsync();
        var image = Instances.Ct(Patient, CtSeries, 1);
        var originals = new Dictionary<string, string>
        {
            ["CT"] = Save("ct.dcm", image),
            ["SR"] = Save("sr.dcm", Instances.Sr(Patient, [image])),
        };
        var multiFrame = Save("multi-frame-native.dcm", MultiFrame());
        originals["multi-frame JPEG-LS"] = _directory.Combine("multi-frame-jpeg-ls.dcm");
        await ExternalEncoder.JpegLsLossless.EncodeAsync(multiFrame, originals["multi-frame JPEG-LS"], ct);

        string? study = null;
        foreach (var file in originals.Values)
        {
            using var response = await _orthanc.Client.PostAsync("instances", new ByteArrayContent(await File.ReadAllBytesAsync(file, ct)), ct);
            response.EnsureSuccessStatusCode();
            study = (await response.Content.ReadFromJsonAsync<JsonObject>(ct))!["ParentStudy"]!.GetValue<string>();
        }

        using var anonymize = await _orthanc.Client.PostAsync($"studies/{study}/anonymize", JsonContent.Create(new JsonObject()), ct);
        anonymize.EnsureSuccessStatusCode();
        var anonymized = (await anonymize.Content.ReadFromJsonAsync<JsonObject>(ct))!["ID"]!.GetValue<string>();
        var bySeriesNumber = new Dictionary<string, byte[]>();
        foreach (var instance in (await _orthanc.Client.GetFromJsonAsync<JsonArray>($"studies/{anonymized}/instances", ct))!)
        {
            var bytes = await _orthanc.Client.GetByteArrayAsync($"instances/{instance!["ID"]!.GetValue<string>()}/file", ct);
            using var file = DicomFile.Read(bytes);
            bySeriesNumber[file.Dataset.GetString(DicomTag.SeriesNumber).Trim()] = bytes;
        }

        var deidentifier = new DicomDeidentifier(DeidentificationOptions.Basic, Deid.Secret);
        All = [.. originals.Select(o =>
        {
            var original = DicomFile.Read(File.ReadAllBytes(o.Value));
            var ours = DicomFileWriter.ToArray(deidentifier.Deidentify(original).File);
            var theirs = bySeriesNumber[original.Dataset.GetString(DicomTag.SeriesNumber).Trim()];
            return new Instance(o.Key, original, DicomFile.Read(ours), ours, DicomFile.Read(theirs), theirs);
        })];
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var instance in All)
        {
            instance.Original.Dispose();
            instance.Ours.Dispose();
            instance.Orthanc.Dispose();
        }

        await _orthanc.DisposeAsync();
        _directory.Dispose();
    }

    private string Save(string name, DicomDataset dataset)
    {
        var path = _directory.Combine(name);
        new DicomFile(dataset).Save(path, DicomTransferSyntax.ExplicitVRLittleEndian);
        return path;
    }

    /// <summary>The CT of <see cref="Instances.Ct"/> with <see cref="MultiFrameFrames"/> frames of 32x32.</summary>
    private static DicomDataset MultiFrame()
    {
        var frame = Instances.Gradient(32, 32);
        return Instances.Ct(Patient, MultiFrameSeries, 1)
            .Add(DicomTag.NumberOfFrames, DicomVR.IS, MultiFrameFrames.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .AddOrUpdate(new DicomElement(DicomTag.PixelData, DicomVR.OW, Enumerable.Repeat(frame, MultiFrameFrames).SelectMany(f => f).ToArray()));
    }
}
