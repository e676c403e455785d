extension SaleEngine {
    /// `Basket::create($siteId)` on this engine's site and catalog: build the lines here, then attach them with
    /// ``Order/setBasket(_:)``.
    public func createBasket() -> Basket { Basket.create(siteId: site.siteId, context: context) }
}
