using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Dicom.Network.Server;

namespace Airadcr.Dicom.Network.Storage;

/// <summary>A storage SCP policy that keeps instances as <c>{folder}/{SOP Instance UID}.dcm</c>: every storage SOP
/// class, the transfer syntaxes given (uncompressed by default), an optional calling-AE allowlist. The first copy of
/// an instance is kept; later copies are answered with success.</summary>
public sealed class FolderStorageHandler(string folder, IReadOnlyList<string>? transferSyntaxes = null,
    IReadOnlySet<string>? allowedCallingAes = null) : IDicomServiceHandler
{
    public static readonly IReadOnlyList<string> UncompressedSyntaxes =
        [DicomUids.ExplicitVRLittleEndian, DicomUids.ImplicitVRLittleEndian, DicomUids.ExplicitVRBigEndian];

    private readonly IReadOnlyList<string> _syntaxes = transferSyntaxes ?? UncompressedSyntaxes;

    public string Folder { get; } = folder;

    public RejectReason? Admit(AssociationRequestInfo request) =>
        allowedCallingAes is null || allowedCallingAes.Contains(request.CallingAe) ? null : RejectReason.CallingAeNotRecognized;

    public IReadOnlyList<string> AcceptableTransferSyntaxes(string abstractSyntax) =>
        StorageSopClasses.Contains(abstractSyntax) ? _syntaxes : [];

    public ValueTask<IStoreTarget> BeginStoreAsync(StoreRequest request, CancellationToken cancellationToken)
    {
        if (!DicomUid.IsValid(request.SopInstanceUid))
        {
            throw new DicomFormatException("invalid SOP Instance UID", 0);
        }

        return ValueTask.FromResult<IStoreTarget>(Part10FileTarget.Create(Path.Combine(Folder, ".incoming"), request, Commit));
    }

    private ValueTask<StoreOutcome> Commit(ReceivedInstance instance, CancellationToken cancellationToken)
    {
        Part10FileTarget.MoveIntoPlace(instance, Path.Combine(Folder, instance.Request.SopInstanceUid + ".dcm"));
        return ValueTask.FromResult(new StoreOutcome(DicomStatus.Success));
    }
}
