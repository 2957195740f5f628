using Airadcr.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Airadcr.Web.Reports;

/// <summary>Drafts and signatures of reports, in webdb.</summary>
public sealed class ReviewStore(IDbContextFactory<WebDbContext> contexts, TimeProvider time)
{
    public async Task<ReportReview?> GetAsync(string technicalId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Reviews.AsNoTracking().SingleOrDefaultAsync(r => r.TechnicalId == technicalId, cancellationToken);
    }

    /// <summary>Technical ids with that review status (all reviewed ids when null).</summary>
    public async Task<IReadOnlyList<string>> TechnicalIdsAsync(ReviewStatus? status, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reviews = db.Reviews.AsNoTracking();
        if (status is { } s)
        {
            reviews = reviews.Where(r => r.Status == s);
        }
        return await reviews.Select(r => r.TechnicalId).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, ReviewStatus>> StatusesAsync(IEnumerable<string> technicalIds, CancellationToken cancellationToken)
    {
        var ids = technicalIds.ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.TechnicalId))
            .ToDictionaryAsync(r => r.TechnicalId, r => r.Status, cancellationToken);
    }

    /// <summary>Saves the edited text as a draft; refused (false) once the report is signed.</summary>
    public async Task<bool> SaveDraftAsync(ReportReview edited, string user, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.TechnicalId == edited.TechnicalId, cancellationToken);
        if (review?.Status is ReviewStatus.Signed or ReviewStatus.Rejected)
        {
            return false;
        }
        if (review is null)
        {
            review = new ReportReview { TechnicalId = edited.TechnicalId };
            db.Reviews.Add(review);
        }
        CopyText(edited, review);
        review.Status = ReviewStatus.Draft;
        review.UpdatedAt = time.GetUtcNow();
        review.UpdatedBy = user;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Marks the report signed with its final text and what happened to its publication.</summary>
    public async Task<ReportReview> MarkSignedAsync(ReportReview final, string user, string publishOutcome, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.TechnicalId == final.TechnicalId, cancellationToken);
        if (review is null)
        {
            review = new ReportReview { TechnicalId = final.TechnicalId };
            db.Reviews.Add(review);
        }
        CopyText(final, review);
        var now = time.GetUtcNow();
        review.Status = ReviewStatus.Signed;
        review.UpdatedAt = now;
        review.UpdatedBy = user;
        review.SignedBy = user;
        review.SignedAt = now;
        review.PublishOutcome = publishOutcome;
        await db.SaveChangesAsync(cancellationToken);
        return review;
    }

    /// <summary>
    /// Marks the report's AI results rejected (<see cref="ReportReview.UpdatedBy"/>/<see cref="ReportReview.UpdatedAt"/>
    /// say who and when, <see cref="ReportReview.PublishOutcome"/> keeps the reason); false once it is signed or rejected.
    /// </summary>
    public async Task<ReportReview?> MarkRejectedAsync(string technicalId, string user, string reason, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var review = await db.Reviews.SingleOrDefaultAsync(r => r.TechnicalId == technicalId, cancellationToken);
        if (review?.Status is ReviewStatus.Signed or ReviewStatus.Rejected)
        {
            return null;
        }
        if (review is null)
        {
            review = new ReportReview { TechnicalId = technicalId };
            db.Reviews.Add(review);
        }
        review.Status = ReviewStatus.Rejected;
        review.UpdatedAt = time.GetUtcNow();
        review.UpdatedBy = user;
        review.PublishOutcome = reason;
        await db.SaveChangesAsync(cancellationToken);
        return review;
    }

    private static void CopyText(ReportReview from, ReportReview to)
    {
        to.Title = from.Title;
        to.Indication = from.Indication;
        to.Technique = from.Technique;
        to.Results = from.Results;
        to.Conclusion = from.Conclusion;
    }
}
