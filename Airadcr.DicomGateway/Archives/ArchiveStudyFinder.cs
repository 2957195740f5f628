using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Airadcr.Dicom;
using Airadcr.Dicom.Network.Client;
using Airadcr.DicomGateway.Configuration;
using Microsoft.Extensions.Options;

namespace Airadcr.DicomGateway.Archives;

/// <summary>
/// Asks one archive for the studies matching a query: QIDO-RS (<c>GET {base}/studies</c>, Basic credentials from the
/// registry) when the archive has a DICOMweb base URL, else C-FIND study root at STUDY level as the gateway's AE title.
/// Matches go into <see cref="ArchiveMatches"/> as they arrive, so a caller that gives up keeps what came before.
/// A match without a Study Instance UID, or an answer that is not DICOM JSON, fails the search of that archive
/// (<see cref="ArchiveAnswerException"/>).
/// </summary>
public sealed class ArchiveStudyFinder(IHttpClientFactory httpClients, ArchiveRegistry registry, IOptions<GatewayOptions> options)
{
    public const string HttpClientName = "archives";

    public static string Via(ArchiveDefinition archive) => archive.DicomWebBaseUrl is null ? "c-find" : "qido-rs";

    public Task FindAsync(ArchiveDefinition archive, StudyQuery query, ArchiveMatches matches, TimeSpan timeout, CancellationToken cancellationToken) =>
        archive.DicomWebBaseUrl is null
            ? FindDimseAsync(archive, query, matches, timeout, cancellationToken)
            : FindQidoAsync(archive, query, matches, cancellationToken);

    private async Task FindDimseAsync(ArchiveDefinition archive, StudyQuery query, ArchiveMatches matches, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var contexts = new PresentationContexts.Builder().Add(DicomUids.StudyRootQueryRetrieveInformationModelFind, PresentationContexts.Uncompressed).Build();
        await using var association = await DicomClient.ConnectAsync(ClientOptions(archive, options.Value.AeTitle, timeout), contexts, cancellationToken);
        await foreach (var identifier in association.FindAsync(DicomUids.StudyRootQueryRetrieveInformationModelFind, query.Identifier(), cancellationToken))
        {
            if (!matches.Add(ArchiveStudy.FromIdentifier(identifier) ?? throw new ArchiveAnswerException("a C-FIND match without Study Instance UID")))
            {
                return; // the cap: disposing the association aborts it, the rest is not read
            }
        }
        await association.ReleaseAsync(cancellationToken);
    }

    private async Task FindQidoAsync(ArchiveDefinition archive, StudyQuery query, ArchiveMatches matches, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, StudiesUrl(archive) + query.QidoQuery(matches.Capacity + 1));
        await AuthorizeAsync(request, archive, cancellationToken);
        using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NoContent)
        {
            return;
        }
        if (!response.IsSuccessStatusCode)
        {
            throw new ArchiveAnswerException($"QIDO-RS answered HTTP {(int)response.StatusCode}");
        }
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            throw new ArchiveAnswerException("QIDO-RS answered something that is not JSON");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new ArchiveAnswerException("QIDO-RS answered JSON that is not an array of studies");
            }
            foreach (var element in document.RootElement.EnumerateArray())
            {
                var study = ArchiveStudy.FromDicomJson(element) ?? throw new ArchiveAnswerException("a QIDO-RS match without Study Instance UID");
                if (query.MatchesPatientName(study.PatientName) && !matches.Add(study))
                {
                    return;
                }
            }
        }
    }

    /// <summary>The requestor settings for an archive (associating as <paramref name="callingAe"/>, within <paramref name="timeout"/>).</summary>
    public static DicomClientOptions ClientOptions(ArchiveDefinition archive, string callingAe, TimeSpan timeout) => new()
    {
        Host = archive.Host,
        Port = archive.Port,
        CalledAe = archive.AeTitle,
        CallingAe = callingAe,
        AssociationTimeout = timeout,
        ResponseTimeout = timeout,
    };

    public static string StudiesUrl(ArchiveDefinition archive) => archive.DicomWebBaseUrl!.TrimEnd('/') + "/studies";

    /// <summary>Adds the archive's Basic credentials, when it has some, and asks for DICOM JSON.</summary>
    public async Task AuthorizeAsync(HttpRequestMessage request, ArchiveDefinition archive, CancellationToken cancellationToken)
    {
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/dicom+json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.5));
        if (archive.HasCredentials && await registry.GetCredentialsAsync(archive.Id, cancellationToken) is { } credentials)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials.UserName + ":" + credentials.Password)));
        }
    }
}

/// <summary>An archive answered something the search cannot use (the reason says what, never a value).</summary>
public sealed class ArchiveAnswerException(string reason) : Exception(reason);

/// <summary>The matches of one archive so far, safe to read while the search still writes; at most <see cref="Capacity"/>.</summary>
public sealed class ArchiveMatches(int capacity)
{
    private readonly Lock _gate = new();
    private readonly List<ArchiveStudy> _studies = [];

    public int Capacity => capacity;

    /// <summary>True when more matches came than <see cref="Capacity"/> (the rest were not read).</summary>
    public bool Truncated { get; private set; }

    /// <summary>Adds a match; false (and <see cref="Truncated"/>) once the capacity is reached.</summary>
    public bool Add(ArchiveStudy study)
    {
        lock (_gate)
        {
            if (_studies.Count >= capacity)
            {
                Truncated = true;
                return false;
            }
            _studies.Add(study);
            return true;
        }
    }

    public IReadOnlyList<ArchiveStudy> Snapshot()
    {
        lock (_gate)
        {
            return [.. _studies];
        }
    }
}
