namespace Airadcr.Dicom.Network.Pdus;

/// <summary>A presentation context item of an A-ASSOCIATE-RQ: one abstract syntax, the transfer syntaxes proposed.</summary>
public sealed record PresentationContextProposal(byte Id, string AbstractSyntax, IReadOnlyList<string> TransferSyntaxes);

/// <summary>A presentation context item of an A-ASSOCIATE-AC: the result and the one transfer syntax chosen.</summary>
public sealed record PresentationContextResult(byte Id, PresentationContextOutcome Outcome, string TransferSyntax)
{
    public bool IsAccepted => Outcome == PresentationContextOutcome.Acceptance;
}

/// <summary>Result/reason field of a presentation context in an A-ASSOCIATE-AC (PS3.8 table 9-18).</summary>
public enum PresentationContextOutcome : byte
{
    Acceptance = 0,
    UserRejection = 1,
    NoReason = 2,
    AbstractSyntaxNotSupported = 3,
    TransferSyntaxesNotSupported = 4,
}
