package dev.vigil.diagnostics.rest;

import dev.vigil.diagnostics.MockClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(MockClusterResource.class)
class InventoryResourceTest {

    @Test
    void inventoryListsLinuxAndWindowsNodesWithTheirTaints() {
        given().get("/diagnostics/inventory").then().statusCode(200)
                .body("nodes.name", containsInAnyOrder("linux-1", "linux-2", "win-1", "win-2"))
                .body("nodes.find { it.name == 'win-1' }.os", org.hamcrest.Matchers.is("windows"))
                .body("nodes.find { it.name == 'win-1' }.taints", hasItem("os=windows:NoSchedule"))
                .body("nodes.find { it.name == 'linux-1' }.kernelVersion", org.hamcrest.Matchers.is("5.15.0-105-generic"));
    }
}
