using System.Security.Cryptography;
using Microsoft.Extensions.Caching.Memory;

namespace Airadcr.Web.Uploads;

/// <summary>
/// Opaque, short-lived preview ids of uploaded series (their first stored instance, once per series and user): the upload table links
/// <c>/uploads/previews/{id}</c>, so no UID reaches a URL; an id is good for an hour, for the user who uploaded.
/// </summary>
public sealed class UploadPreviews : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 100_000 });

    private sealed record Entry(string User, string StudyInstanceUid, string SopInstanceUid);

    /// <summary>A preview id for the first instance of a series this user uploaded within the hour; null for the next ones.</summary>
    public string? AddFirstOfSeries(string user, string studyInstanceUid, string seriesInstanceUid, string sopInstanceUid)
    {
        var seriesKey = $"upload-series:{user}:{seriesInstanceUid}";
        lock (cache)
        {
            if (cache.TryGetValue(seriesKey, out _))
            {
                return null;
            }
            cache.Set(seriesKey, true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1), Size = 1 });
        }
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        cache.Set("upload-preview:" + id, new Entry(user, studyInstanceUid, sopInstanceUid),
            new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = TimeSpan.FromHours(1), Size = 1 });
        return id;
    }

    public (string StudyInstanceUid, string SopInstanceUid)? Find(string user, string id) =>
        cache.TryGetValue("upload-preview:" + id, out Entry? entry) && entry is not null && entry.User == user
            ? (entry.StudyInstanceUid, entry.SopInstanceUid)
            : null;

    public void Dispose() => cache.Dispose();
}
