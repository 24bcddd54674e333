package dev.gatehouse.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.gatehouse.application.port.out.SessionRepository;
import dev.gatehouse.application.sessions.SessionIssuer;
import dev.gatehouse.domain.policy.TargetUserPolicy;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hexagon's dependency rules, checked on the production classes of every module. Each rule also
 * has its target package asserted non-empty, so a renamed package cannot make a rule pass vacuously.
 */
class ArchitectureTest {
    private static final String DOMAIN = "dev.gatehouse.domain..";
    private static final String APPLICATION = "dev.gatehouse.application..";
    /** The application's feature packages: each holds its services (package-private) and its wiring class. */
    static final List<String> FEATURES = List.of("accounts", "admin", "apikeys", "audit", "auth", "emailchange",
            "invitations", "mail", "recovery", "mfa", "oauth", "sessions", "signingkeys", "support", "tenants",
            "lifecycle", "imports");
    private static final String ADAPTERS = "dev.gatehouse.adapters..";
    private static final List<String> ADAPTER_PACKAGES = List.of(
            "dev.gatehouse.adapters.http", "dev.gatehouse.adapters.persistence",
            "dev.gatehouse.adapters.crypto", "dev.gatehouse.adapters.mail");

    private static final Set<String> AUTHORITIES = Set.of("dev.gatehouse.application.port.in.RootAuthority",
            "dev.gatehouse.domain.session.Principal");
    private static final Set<String> TARGET_USERS = Set.of("dev.gatehouse.domain.user.UserId",
            "dev.gatehouse.domain.user.EmailAddress", "dev.gatehouse.domain.account.AccountId");

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // Sibling modules arrive as jars (reactor or local repository); their test-jars are not production.
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("dev.gatehouse");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.gatehouse.domain", "dev.gatehouse.application.port.in",
            "dev.gatehouse.application.port.out", "dev.gatehouse.application.accounts", "dev.gatehouse.application.admin",
            "dev.gatehouse.application.apikeys", "dev.gatehouse.application.audit", "dev.gatehouse.application.auth",
            "dev.gatehouse.application.emailchange",
            "dev.gatehouse.application.invitations", "dev.gatehouse.application.mail", "dev.gatehouse.application.mfa",
            "dev.gatehouse.application.recovery",
            "dev.gatehouse.application.sessions",
            "dev.gatehouse.application.signingkeys", "dev.gatehouse.application.support",
            "dev.gatehouse.application.tenants", "dev.gatehouse.adapters.http",
            "dev.gatehouse.adapters.persistence", "dev.gatehouse.adapters.crypto", "dev.gatehouse.adapters.mail",
            "dev.gatehouse.bootstrap", "dev.gatehouse.bootstrap.observability"})
    void everyPackageARuleTalksAboutHasClasses(String pkg) {
        assertThat(production.stream().filter(c -> c.getPackageName().startsWith(pkg)).count())
                .as("classes in %s", pkg).isPositive();
    }

    @Test
    void domainDependsOnlyOnTheJdk() {
        classes().that().resideInAPackage(DOMAIN)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN)
                .check(production);
    }

    @Test
    void applicationDependsOnlyOnTheDomainAndTheJdk() {
        classes().that().resideInAPackage(APPLICATION)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", DOMAIN, APPLICATION)
                .check(production);
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        for (String adapter : ADAPTER_PACKAGES) {
            String[] others = ADAPTER_PACKAGES.stream().filter(p -> !p.equals(adapter)).map(p -> p + "..")
                    .toArray(String[]::new);
            ArchRule rule = noClasses().that().resideInAPackage(adapter + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others);
            rule.check(production);
        }
    }

    @Test
    void adaptersUseTheApplicationOnlyThroughPorts() {
        noClasses().that().resideInAPackage(ADAPTERS)
                .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage(APPLICATION)
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("dev.gatehouse.application..port.."))))
                .check(production);
    }

    @Test
    void applicationFeaturesAreFreeOfCycles() {
        slices().matching("dev.gatehouse.application.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void everyApplicationClassLivesInAFeatureOrTheSharedPorts() {
        Set<String> packages = production.stream().map(JavaClass::getPackageName)
                .filter(p -> p.startsWith("dev.gatehouse.application.")).collect(Collectors.toSet());
        assertThat(packages).allSatisfy(p -> assertThat(p).satisfiesAnyOf(
                shared -> assertThat(shared).isIn("dev.gatehouse.application.port.in", "dev.gatehouse.application.port.out"),
                feature -> assertThat(FEATURES).contains(feature.split("\\.")[3])));
    }

    /**
     * Metrics and the logging backend are wired in bootstrap alone (issue 16): no Micrometer class in the domain or
     * the application, and none in the adapters either, which hand over plain hooks and numbers (RequestObserver,
     * CacheStats, the hashing pool's stats); no Logback class outside bootstrap (the rest logs through SLF4J).
     */
    @Test
    void onlyBootstrapKnowsTheMetricsLibraryAndTheLoggingBackend() {
        String[] metrics = {"io.micrometer..", "io.prometheus.."};
        assertThat(production.stream().filter(c -> c.getPackageName().equals("dev.gatehouse.bootstrap.observability"))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .anyMatch(d -> d.getTargetClass().getPackageName().startsWith("io.micrometer")))
                .as("bootstrap's metrics use Micrometer (the rules below are not vacuous)").isTrue();
        noClasses().that().resideInAnyPackage(DOMAIN, APPLICATION)
                .should().dependOnClassesThat().resideInAnyPackage(metrics)
                .check(production);
        noClasses().that().resideOutsideOfPackage("dev.gatehouse.bootstrap..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..",
                        "ch.qos.logback..", "net.logstash..")
                .check(production);
    }

    @Test
    void nothingButBootstrapDependsOnBootstrap() {
        noClasses().that().resideOutsideOfPackage("dev.gatehouse.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("dev.gatehouse.bootstrap..")
                .check(production);
    }

    /**
     * Every service behind a use case that acts with an authority (a root authority or a user's principal) on a
     * target user (a user id, an email address or an account id) goes through {@link TargetUserPolicy}, the one
     * rule for who may act on the tenant's root user (docs/adr/0011-admin-user-management.md). The use cases are
     * found from their signatures, so a new one is covered without being named here; the application's
     * TargetUserPolicyContractTest holds each of their methods to the rule's behaviour.
     */
    @Test
    void everyServiceActingOnATargetUserGoesThroughTheTargetUserPolicy() {
        Set<String> useCases = production.stream()
                .filter(c -> c.getPackageName().matches("dev\\.gatehouse\\.application\\.(\\w+\\.)?port\\.in") && c.isInterface())
                .filter(c -> c.getMethods().stream().anyMatch(ArchitectureTest::takesATargetUser))
                .map(JavaClass::getName).collect(Collectors.toSet());
        assertThat(useCases).as("use cases taking a target user").contains(
                "dev.gatehouse.application.recovery.port.in.PasswordResetUseCase",
                "dev.gatehouse.application.admin.port.in.ImpersonateUseCase",
                "dev.gatehouse.application.admin.port.in.AdminUsersUseCase",
                "dev.gatehouse.application.accounts.port.in.RemoveAccountUserUseCase");
        DescribedPredicate<JavaClass> implementsOne = DescribedPredicate.describe("implement a use case taking a "
                + "target user", c -> c.getAllRawInterfaces().stream().anyMatch(i -> useCases.contains(i.getName())));
        Set<String> implemented = production.stream()
                .filter(ArchitectureTest::isService)
                .flatMap(c -> c.getAllRawInterfaces().stream()).map(JavaClass::getName).collect(Collectors.toSet());
        assertThat(implemented).as("each of them has a service the rule below holds").containsAll(useCases);
        classes().that(DescribedPredicate.describe("are services", ArchitectureTest::isService)).and(implementsOne)
                .should().accessClassesThat().belongToAnyOf(TargetUserPolicy.class)
                .check(production);
    }

    private static boolean takesATargetUser(JavaMethod method) {
        Set<String> types = method.getRawParameterTypes().stream().map(JavaClass::getName).collect(Collectors.toSet());
        return types.stream().anyMatch(AUTHORITIES::contains) && types.stream().anyMatch(TARGET_USERS::contains);
    }

    /** A class of a feature package (not of its ports). */
    private static boolean isService(JavaClass c) {
        String[] parts = c.getPackageName().split("\\.");
        return parts.length == 4 && parts[2].equals("application") && FEATURES.contains(parts[3]);
    }

    /**
     * The session gate (docs/adr/0023-mfa-and-the-session-gate.md): a session is stored only by {@link SessionIssuer},
     * whose sign-in door applies the user's second factor and the tenant's MFA policy.
     */
    @Test
    void onlyTheSessionIssuerStoresASession() {
        onlyCalledFrom(callTo(SessionRepository.class, "insert"), SessionIssuer.class.getName());
    }

    /** The gate's door for a proved second factor is the mfa feature's alone. */
    @Test
    void onlyTheMfaFeatureOpensASessionAfterASecondFactor() {
        onlyCalledFrom(callTo(SessionIssuer.class, "prepareAfterSecondFactor"), "dev.gatehouse.application.mfa..");
    }

    /** Impersonation, which asks the user for nothing, is the admin feature's alone. */
    @Test
    void onlyTheAdminFeatureOpensAnImpersonationSession() {
        onlyCalledFrom(callTo(SessionIssuer.class, "prepareImpersonation"), "dev.gatehouse.application.admin..");
    }

    /** Rotation continues an existing session (a refresh): the sessions feature's alone. */
    @Test
    void onlyTheSessionsFeatureRotatesASession() {
        onlyCalledFrom(callTo(SessionIssuer.class, "prepareRotation"), "dev.gatehouse.application.sessions..");
    }

    /** A call to the method {@code method} of {@code owner}, or of a class implementing or extending it. */
    private static DescribedPredicate<JavaMethodCall> callTo(Class<?> owner, String method) {
        return DescribedPredicate.describe("call " + owner.getSimpleName() + "." + method,
                call -> call.getName().equals(method) && call.getTargetOwner().isAssignableTo(owner));
    }

    /**
     * No class but {@code allowed} (a fully qualified class name, or a package pattern ending in {@code ..}) makes
     * {@code call}; and the allowed caller does make it, so that the rule cannot pass vacuously (a renamed method, a
     * caller moved elsewhere, a package that no longer exists).
     */
    private static void onlyCalledFrom(DescribedPredicate<JavaMethodCall> call, String allowed) {
        boolean isPackage = allowed.endsWith("..");
        DescribedPredicate<JavaClass> allowedCaller = isPackage ? JavaClass.Predicates.resideInAPackage(allowed)
                : DescribedPredicate.describe("is " + allowed, c -> c.getName().equals(allowed));
        assertThat(production.stream().filter(allowedCaller::test)
                .flatMap(c -> c.getMethodCallsFromSelf().stream()).anyMatch(call::test))
                .as("%s does %s", allowed, call.getDescription()).isTrue();
        ArchRule rule = isPackage
                ? noClasses().that().resideOutsideOfPackage(allowed).should().callMethodWhere(call)
                : noClasses().that().doNotHaveFullyQualifiedName(allowed).should().callMethodWhere(call);
        rule.check(production);
    }

    @Test
    void servicesStayPackagePrivateBehindTheirFeatureWiring() {
        classes().that(DescribedPredicate.describe("are feature services", ArchitectureTest::isService))
                .and().haveSimpleNameEndingWith("Service")
                .should().notBePublic()
                .check(production);
    }

    /**
     * ADR 0022: a use case's inputs, the client included, are all required; no use-case port carries a
     * {@code default} overload that drops one (the audit log and the rate limits then saw an unknown client).
     */
    @Test
    void useCasePortsHaveNoDefaultMethods() {
        List<String> defaults = production.stream()
                .filter(JavaClass::isInterface)
                .filter(c -> c.getPackageName().startsWith("dev.gatehouse.application")
                        && c.getPackageName().endsWith(".port.in") && c.getSimpleName().endsWith("UseCase"))
                .flatMap(c -> c.getMethods().stream())
                .filter(m -> !m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.ABSTRACT)
                        && !m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.STATIC))
                .map(JavaMethod::getFullName).sorted().toList();
        assertThat(production.stream().filter(c -> c.getSimpleName().endsWith("UseCase")).count())
                .as("use-case ports imported").isGreaterThan(20);
        assertThat(defaults).as("default methods on use-case ports").isEmpty();
    }
}
