using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Airadcr.Dicom.Network.Client;
using Airadcr.Dicom.Network.Dimse;
using Airadcr.Dicom.Network.Pdus;
using Airadcr.Testing;

namespace Airadcr.Dicom.Network.Tests.Association;

/// <summary>Our requestor against our acceptor: fragmentation, negotiation outcomes, TLS.</summary>
public sealed class AssociationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_large_instance_crosses_in_many_fragments_no_larger_than_the_peer_maximum()
    {
        await using var scp = ScpUnderTest.Start(configure: o => o with { MaxPduLength = 4096 });
        var file = PydicomCorpus.File("MR_small.dcm");
        await using var association = await DicomClient.ConnectAsync(scp.ClientOptions(),
            await DicomClient.StorageContextsForAsync([file], Ct), Ct);

        Assert.Equal(4096u, association.Accept.UserInformation.MaxPduLength);
        var response = await association.StoreAsync(file, Ct);
        await association.ReleaseAsync(Ct);

        Assert.Equal(DicomStatus.Success, response.Status);
        await DataSetComparison.AssertSameDataSetAsync(file, Assert.Single(scp.StoredFiles()), Ct);
    }

    [Fact]
    public async Task Unsupported_abstract_syntax_and_transfer_syntax_are_refused_per_context()
    {
        await using var scp = ScpUnderTest.Start();
        var contexts = new PresentationContexts.Builder()
            .Add(DicomUids.Verification, PresentationContexts.Uncompressed)
            .Add("1.2.3.4.5.6", PresentationContexts.Uncompressed)
            .Add(DicomUids.CTImageStorage, "1.2.840.10008.1.2.4.50")
            .Build();

        await using var association = await DicomClient.ConnectAsync(scp.ClientOptions(), contexts, Ct);

        var results = association.Accept.PresentationContexts.ToDictionary(r => r.Id, r => r.Outcome);
        Assert.Equal(PresentationContextOutcome.Acceptance, results[1]);
        Assert.Equal(PresentationContextOutcome.AbstractSyntaxNotSupported, results[3]);
        Assert.Equal(PresentationContextOutcome.TransferSyntaxesNotSupported, results[5]);
        Assert.Equal(DicomFileWriterIdentity, association.Accept.UserInformation.ImplementationClassUid);
        await association.ReleaseAsync(Ct);
    }

    private const string DicomFileWriterIdentity = IO.DicomFileWriter.ImplementationClassUid;

    [Fact]
    public async Task Dicom_tls_carries_echo_and_store_when_both_sides_use_it()
    {
        using var certificate = SelfSigned();
        await using var scp = ScpUnderTest.Start(configure: o => o with { TlsCertificate = certificate });
        var file = PydicomCorpus.File("CT_small.dcm");
        var options = scp.ClientOptions() with
        {
            UseTls = true,
            TlsTargetHost = "localhost",
            TlsCertificateValidation = (_, presented, _, _) => presented?.GetCertHashString() == certificate.GetCertHashString(),
        };

        await using var association = await DicomClient.ConnectAsync(options, await DicomClient.StorageContextsForAsync([file], Ct), Ct);
        var response = await association.StoreAsync(file, Ct);
        await association.ReleaseAsync(Ct);

        Assert.Equal(DicomStatus.Success, response.Status);
        await DataSetComparison.AssertSameDataSetAsync(file, Assert.Single(scp.StoredFiles()), Ct);
    }

    [Fact]
    public async Task A_plain_client_cannot_associate_with_a_tls_server()
    {
        using var certificate = SelfSigned();
        await using var scp = ScpUnderTest.Start(configure: o => o with { TlsCertificate = certificate, AssociationTimeout = TimeSpan.FromSeconds(1) });

        await Assert.ThrowsAnyAsync<DicomAssociationException>(() =>
            DicomClient.ConnectAsync(scp.ClientOptions(), PresentationContexts.Verification(), Ct));
    }

    [Fact]
    public async Task Disposing_an_unreleased_association_aborts_it_and_the_server_stays_up()
    {
        await using var scp = ScpUnderTest.Start();
        var association = await DicomClient.ConnectAsync(scp.ClientOptions(), PresentationContexts.Verification(), Ct);

        await association.DisposeAsync();

        Assert.Equal(AssociationState.Aborted, association.State);
        await scp.WaitForIdleAsync(Ct);
        (await DcmtkTools.EchoAsync(ScpUnderTest.AeTitle, scp.Port, Ct)).EnsureSuccess();
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
